import {
  CdcCode,
  CODE_CATALOG,
  ExportCode,
  KafkaTransportCode,
  meaningOf,
  OpsCode,
  ReceiverCode,
  SchedulingCode,
  SyncCode,
} from './codes';

describe('code catalog', () => {
  it('has every code once, in the CDEgg-nn scheme, with a one-line meaning', () => {
    const codes = CODE_CATALOG.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const { code, meaning } of CODE_CATALOG) {
      expect(code).toMatch(/^CDE\d{2}-\d{2}$/);
      expect(meaning.trim()).not.toBe('');
      expect(meaning).not.toContain('\n');
    }
  });

  it.each([
    ['ExportCode', ExportCode, '02'],
    ['SchedulingCode', SchedulingCode, '03'],
    ['SyncCode', SyncCode, '04'],
    ['CdcCode', CdcCode, '10'],
    ['KafkaTransportCode', KafkaTransportCode, '11'],
    ['ReceiverCode', ReceiverCode, '20'],
    ['OpsCode', OpsCode, '30'],
  ] as const)('keeps %s in group %s', (group, codes, number) => {
    for (const [name, code] of Object.entries(codes)) {
      expect(code.startsWith(`CDE${number}-`)).toBe(true);
      expect(CODE_CATALOG.find((c) => c.code === code)?.name).toBe(`${group}.${name}`);
    }
  });

  it('pins the codes other services act on', () => {
    // The feed service parks on the exporter's rejection code; operators grep logs for these.
    expect(ExportCode.Rejected).toBe('CDE02-09');
    expect(SyncCode.EmptyIdentifier).toBe('CDE04-19');
    expect(KafkaTransportCode.MalformedJson).toBe('CDE11-03');
    expect(KafkaTransportCode.AuthenticationFailed).toBe('CDE11-14');
    expect(KafkaTransportCode.NotAuthorized).toBe('CDE11-15');
  });

  it('says what a code means', () => {
    expect(meaningOf(ExportCode.Throttled)).toMatch(/429/);
    expect(meaningOf('CDE99-99')).toBeUndefined();
  });
});
