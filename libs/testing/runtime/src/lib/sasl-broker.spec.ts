import { formatFailure, kafkaClusterId } from './sasl-broker';

describe('kafkaClusterId', () => {
  it('draws again when the id would start with "-" (the storage tool would read it as an option)', () => {
    const draws = [Buffer.from([0xf8, ...new Array<number>(15).fill(1)]), Buffer.alloc(16, 7)];
    const id = kafkaClusterId(() => draws.shift()!);
    expect(Buffer.from([0xf8]).toString('base64url').startsWith('-')).toBe(true);
    expect(id).toBe(Buffer.alloc(16, 7).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('gives 22 URL-safe characters', () => {
    expect(kafkaClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});

describe('formatFailure', () => {
  it('never repeats the command line or a SCRAM record, and keeps the rest of the output', () => {
    const error = Object.assign(
      new Error(
        'Command failed: java kafka.tools.StorageTool format --add-scram SCRAM-SHA-512=[name=u,password=s3cret]',
      ),
      {
        code: 1,
        stderr:
          'Formatting metadata directory with SCRAM-SHA-512=[name=u,password=s3cret]\nunrecognized arguments: x\n',
      },
    );
    const text = formatFailure(error);
    expect(text).toBe('exit code 1: unrecognized arguments: x');
    expect(text).not.toContain('s3cret');
  });

  it('says when the tool was killed by the timeout', () => {
    expect(formatFailure({ killed: true, signal: 'SIGTERM' })).toBe('killed (SIGTERM)');
  });
});
