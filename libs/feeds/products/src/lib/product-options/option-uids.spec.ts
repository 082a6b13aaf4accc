import {
  bundleSelectionUid,
  configurableValueUid,
  customOptionUid,
  customOptionValueUid,
  downloadableLinkUid,
} from './option-uids';

describe('option uids', () => {
  // Expected values: `printf %s 'configurable/93/160' | base64` and so on (PHP's base64_encode agrees).
  it('encodes configurable option values as configurable/<attribute>/<option>', () => {
    expect(configurableValueUid('93', '160')).toBe('Y29uZmlndXJhYmxlLzkzLzE2MA==');
    expect(Buffer.from(configurableValueUid(144, 5), 'base64').toString()).toBe('configurable/144/5');
  });

  it('encodes custom options and their values under custom-option', () => {
    expect(customOptionUid('1')).toBe('Y3VzdG9tLW9wdGlvbi8x');
    expect(customOptionValueUid('1', '1')).toBe('Y3VzdG9tLW9wdGlvbi8xLzE=');
  });

  it('encodes downloadable links as downloadable/<link>', () => {
    expect(downloadableLinkUid(12)).toBe('ZG93bmxvYWRhYmxlLzEy');
  });

  it('encodes bundle selections with the qty cut to an integer as PHP casts it', () => {
    expect(bundleSelectionUid('1', '1', '1.0000')).toBe('YnVuZGxlLzEvMS8x');
    const decode = (uid: string) => Buffer.from(uid, 'base64').toString();
    expect(decode(bundleSelectionUid('4', '9', '2.9000'))).toBe('bundle/4/9/2');
    expect(decode(bundleSelectionUid('4', '9', null))).toBe('bundle/4/9/0');
    expect(decode(bundleSelectionUid('4', '9', '0.5000'))).toBe('bundle/4/9/0');
  });
});
