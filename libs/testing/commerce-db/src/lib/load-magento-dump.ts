import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DumpTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password?: string;
  readonly database: string;
}

/**
 * Rewrites what a Magento dump from another server needs to load into our MariaDB:
 * - MySQL 8 collations MariaDB does not know (`utf8mb4_0900_ai_ci` and friends) → `utf8mb4_general_ci`;
 * - `DEFINER=` clauses of triggers and views, which name users that do not exist here (a trigger with a missing
 *   definer fails every write to its table) → dropped, so the loading user becomes the definer;
 * - `CREATE DATABASE` / `USE` lines, so the dump lands in the target database whatever it was called.
 */
export function rewriteDumpLine(line: string): string {
  if (/^(CREATE DATABASE|USE )/i.test(line)) return '';
  return line
    .replace(/utf8mb4_0900_(ai|as)_c[is]/g, 'utf8mb4_general_ci')
    .replace(/utf8mb4_(\w+)_0900_(ai|as)_c[is]/g, 'utf8mb4_general_ci')
    .replace(/\/\*!50017 DEFINER=`[^`]*`@`[^`]*`\s*\*\/\s*/g, '')
    .replace(
      /\/\*!50013 DEFINER=`[^`]*`@`[^`]*` SQL SECURITY (DEFINER|INVOKER) \*\/\s*/g,
      '/*!50013 SQL SECURITY $1 */ ',
    )
    .replace(/DEFINER=`[^`]*`@`[^`]*`\s*/g, '');
}

/**
 * Loads a Magento SQL dump (mysqldump / mariadb-dump output, MariaDB or MySQL 8) into `target.database`, which is
 * created if missing. Streams the file through `rewriteDumpLine` into the `mariadb` client, which understands the
 * dump's DELIMITER blocks for triggers.
 */
export async function loadMagentoDump(dumpPath: string, target: DumpTarget): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(target.database)) throw new Error(`invalid database name "${target.database}"`);
  const args = [
    '--no-defaults',
    '--protocol=tcp',
    `--host=${target.host}`,
    `--port=${target.port}`,
    `--user=${target.user}`,
    '--default-character-set=utf8mb4',
    '--max-allowed-packet=256M',
    '--init-command=SET SESSION foreign_key_checks=0, unique_checks=0',
  ];
  const env = { ...process.env, ...(target.password ? { MYSQL_PWD: target.password } : {}) };
  await runClient(
    [
      ...args,
      '-e',
      `CREATE DATABASE IF NOT EXISTS \`${target.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`,
    ],
    env,
  );

  const client = spawn('mariadb', [...args, target.database], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const stderr: Buffer[] = [];
  client.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  const exited = new Promise<number>((resolve, reject) => {
    client.on('error', reject);
    client.on('close', (code) => resolve(code ?? 1));
  });
  const lines = createInterface({
    input: createReadStream(dumpPath, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  const rewrite = new Transform({
    writableObjectMode: true,
    transform(line: string, _encoding: BufferEncoding, done: TransformCallback) {
      done(null, `${rewriteDumpLine(line)}\n`);
    },
  });
  await pipeline(lines, rewrite, client.stdin).catch((error: unknown) => {
    // The client closing early (a SQL error) breaks the pipe; its own message below says why.
    if (!(error instanceof Error && 'code' in error && error.code === 'EPIPE')) throw error;
  });
  const code = await exited;
  if (code !== 0) {
    throw new Error(
      `loading ${dumpPath} into ${target.database} failed: ${Buffer.concat(stderr).toString('utf8').trim()}`,
    );
  }
}

function runClient(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mariadb', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`mariadb ${args.at(-1) ?? ''}: ${Buffer.concat(stderr).toString('utf8').trim()}`)),
    );
  });
}
