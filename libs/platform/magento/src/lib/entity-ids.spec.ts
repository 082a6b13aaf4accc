import { sameSku, skuKey } from './entity-ids';

describe('SKU collation keys', () => {
  it('compares SKUs as a case- and accent-insensitive collation does (for --by-ids reports)', () => {
    expect(sameSku('Camiseta Básica Algodão', 'camiseta basica algodao')).toBe(true);
    expect(sameSku('MH01', 'MH02')).toBe(false);
  });

  it('folds case and accents only, keeping every other character', () => {
    expect(skuKey('ÉTÉ-24 / Ñ_x')).toBe('ete-24 / n_x');
    expect(skuKey('24-MB01')).toBe('24-mb01');
  });
});
