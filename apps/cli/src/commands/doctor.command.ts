import { request } from 'undici';
import { FEED_NAMES, Topics } from '@cde/contracts';
import {
  binlogChecks,
  clockCheck,
  connectorChecks,
  ExitCode,
  formatChecks,
  grantChecks,
  lagCheck,
  readerGrantCheck,
  receiverCheck,
  topicChecks,
  worstOf,
  type Check,
  type ConnectorStatus,
} from '@cde/ops';
import type { CliContext } from '../cli-context';
import { print } from '../output';

async function getJson(url: string): Promise<{ status: number; body: unknown } | null> {
  try {
    const r = await request(url, { headersTimeout: 10_000, bodyTimeout: 10_000 });
    const text = await r.body.text();
    return { status: r.statusCode, body: text ? (JSON.parse(text) as unknown) : null };
  } catch {
    return null;
  }
}

const failed = (area: string, name: string, detail: string, fix: string): Check => ({
  area,
  name,
  result: 'fail',
  detail,
  fix,
});

async function databaseChecks(ctx: CliContext, cdcUser: string | undefined): Promise<Check[]> {
  const commerce = await ctx.commerceReads().catch((error: unknown) => error as Error);
  if (commerce instanceof Error)
    return [
      failed(
        'database',
        'Commerce DB',
        commerce.message,
        'check CDE_COMMERCE_DB_* and that the database runs',
      ),
    ];
  const checks = [...binlogChecks(await commerce.variables()), clockCheck(await commerce.clockSkewMs())];
  const reader = await commerce.currentGrants();
  checks.push(readerGrantCheck(reader.user, reader.grants));
  if (cdcUser) {
    const grants = await commerce.grantsOf(`'${cdcUser.replace(/'/g, '')}'`);
    checks.push(
      ...(grants
        ? grantChecks(cdcUser, grants)
        : [
            {
              area: 'database',
              name: `grants of ${cdcUser}`,
              result: 'warn' as const,
              detail: `${reader.user} may not read them`,
              fix: `run SHOW GRANTS FOR '${cdcUser}' as an administrator`,
            },
          ]),
    );
  }
  return checks;
}

async function kafkaChecks(ctx: CliContext): Promise<Check[]> {
  const { groups, served } = await ctx.served();
  const topics = [
    Topics.commands,
    Topics.events,
    ...FEED_NAMES.filter((f) => served.has(f)).map((f) => Topics.feed(f)),
  ];
  const existing = await ctx.kafka().topicExists(topics);
  const policies = await ctx.kafka().cleanupPolicies(topics.filter((t) => existing.has(t)));
  const checks = topicChecks(
    topics.map((name) => ({
      name,
      exists: existing.has(name),
      ...(policies.has(name) ? { cleanupPolicy: policies.get(name) } : {}),
    })),
  );
  for (const g of groups.filter((x) => x.state === 'Stable' && !x.groupId.startsWith('cde-cli-'))) {
    const subscribed = [...new Set(g.memberTopics.flat())].filter(
      (t) => existing.has(t) || t.startsWith('commerce.'),
    );
    let lag = 0;
    for (const t of subscribed)
      lag += await ctx
        .kafka()
        .lag(g.groupId, t)
        .catch(() => 0);
    checks.push(lagCheck(g.groupId, g.state, lag));
  }
  for (const f of FEED_NAMES.filter((x) => !served.has(x)))
    checks.push({
      area: 'kafka',
      name: `feed ${f}`,
      result: 'warn',
      detail: 'no running service serves it',
      fix: 'start its service if the feed is wanted',
    });
  return checks;
}

/** `cde doctor`: what the pipeline needs, checked, each failure with its fix. */
export async function doctor(ctx: CliContext, flags: { json?: boolean }): Promise<number> {
  const { url, connector } = ctx.config.connect;
  const status = await getJson(`${url}/connectors/${connector}/status`);
  const config = await getJson(`${url}/connectors/${connector}/config`);
  const cdcUser = (config?.body as Record<string, string> | null)?.['database.user'];
  const checks: Check[] = [];
  checks.push(...(await databaseChecks(ctx, cdcUser)));
  checks.push(
    ...(status === null
      ? [
          failed(
            'connect',
            'Kafka Connect',
            `${url}: no answer`,
            'check CDE_CONNECT_URL and that Kafka Connect runs',
          ),
        ]
      : connectorChecks(connector, status.status === 200 ? (status.body as ConnectorStatus) : null)),
  );
  checks.push(
    ...(await kafkaChecks(ctx).catch((error: unknown) => [
      failed(
        'kafka',
        'brokers',
        String(error instanceof Error ? error.message : error),
        'check CDE_KAFKA_BROKERS and that Kafka runs',
      ),
    ])),
  );
  const receiver = ctx.receiver();
  checks.push(
    ...receiverCheck(
      ctx.config.receiver.baseUrl,
      await receiver.health(),
      ctx.config.receiver.apiKey ? await receiver.keyStatus() : null,
    ),
  );
  const worst = worstOf(checks);
  print(
    flags.json ?? false,
    { result: worst, checks },
    () => `${formatChecks(checks)}\n\n${worst.toUpperCase()}`,
  );
  return worst === 'fail' ? ExitCode.Failed : ExitCode.Done;
}
