import { request } from 'undici';
import { eventually } from './pipeline-harness';

/** The connector `./dev` registers (deploy/debezium/commerce-connector.json). */
export const CONNECTOR = 'commerce-connector';

export interface ConnectorState {
  readonly connector: { readonly state: string };
  readonly tasks: readonly { readonly id: number; readonly state: string; readonly trace?: string }[];
}

/**
 * The Kafka Connect REST calls of docs/runbooks/binlog-purged.md, one method a step, so that a spec acting as the
 * operator reads like the runbook.
 */
export class ConnectorRunbook {
  constructor(
    private readonly connectUrl: string,
    private readonly connector = CONNECTOR,
  ) {}

  /** `GET /connectors/<name>/status`; undefined while Connect does not answer or has no such connector. */
  async status(): Promise<ConnectorState | undefined> {
    const res = await request(this.url('status'), { headersTimeout: 5_000, bodyTimeout: 5_000 }).catch(
      () => undefined,
    );
    if (res === undefined) return undefined;
    if (res.statusCode !== 200) {
      await res.body.dump();
      return undefined;
    }
    return (await res.body.json()) as ConnectorState;
  }

  /** `GET /connectors/<name>/offsets`: the stored source offsets. */
  async offsets(): Promise<unknown[]> {
    const res = await request(this.url('offsets'));
    if (res.statusCode !== 200)
      throw new Error(`GET offsets answered ${res.statusCode}: ${await res.body.text()}`);
    return ((await res.body.json()) as { offsets: unknown[] }).offsets;
  }

  /** Step 1: `PUT stop`, `DELETE offsets`, `PUT resume`, each once the one before took effect. */
  async stopDeleteOffsetsResume(timeoutMs: number): Promise<void> {
    await this.call('PUT', 'stop');
    if (!(await eventually(async () => (await this.status())?.connector.state === 'STOPPED', timeoutMs, 500)))
      throw new Error(`${this.connector} did not stop within ${timeoutMs} ms`);
    await this.call('DELETE', 'offsets');
    await this.call('PUT', 'resume');
  }

  /** Step 2: the connector and every task RUNNING (throws with the last status when not within `timeoutMs`). */
  async waitRunning(timeoutMs: number): Promise<void> {
    let last: ConnectorState | undefined;
    const running = await eventually(
      async () => {
        last = await this.status();
        return (
          last?.connector.state === 'RUNNING' &&
          last.tasks.length > 0 &&
          last.tasks.every((t) => t.state === 'RUNNING')
        );
      },
      timeoutMs,
      500,
    );
    if (!running)
      throw new Error(`${this.connector} not RUNNING within ${timeoutMs} ms: ${JSON.stringify(last)}`);
  }

  private async call(method: 'PUT' | 'DELETE', suffix: string): Promise<void> {
    const res = await request(this.url(suffix), { method });
    const body = await res.body.text();
    if (res.statusCode >= 300)
      throw new Error(
        `${method} /connectors/${this.connector}/${suffix} answered ${res.statusCode}: ${body}`,
      );
  }

  private url(suffix: string): string {
    return `${this.connectUrl.replace(/\/$/, '')}/connectors/${encodeURIComponent(this.connector)}/${suffix}`;
  }
}
