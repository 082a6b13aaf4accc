import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Connection } from 'mysql2/promise';

const SQL_DIR = path.join(__dirname, '..', 'sql');

/** Magento 2.4's DDL of the tables the feeds read and the generator writes (see sql/commerce-schema.sql). */
export function commerceSchemaSql(): string {
  return readFileSync(path.join(SQL_DIR, 'commerce-schema.sql'), 'utf8');
}

/** The rows of a fresh Magento 2.4 install (see sql/default-rows.sql). */
export function defaultRowsSql(): string {
  return readFileSync(path.join(SQL_DIR, 'default-rows.sql'), 'utf8');
}

/** The tables `commerceSchemaSql()` creates, in file order (views excluded). */
export function commerceTableNames(): string[] {
  return [...commerceSchemaSql().matchAll(/CREATE TABLE IF NOT EXISTS `([a-z0-9_]+)`/g)].map((m) => m[1]!);
}

/**
 * Creates the Commerce schema with a fresh install's rows in `database` (created if missing, must be empty of
 * our tables). The connection must allow multiple statements.
 */
export async function createCommerceSchema(connection: Connection, database: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`invalid database name "${database}"`);
  await connection.query(
    `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`,
  );
  await connection.query(`USE \`${database}\``);
  await connection.query(commerceSchemaSql());
  await connection.query(defaultRowsSql());
}
