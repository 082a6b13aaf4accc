import { int, nullableInt, nullableText, rowsOf, text } from './row-columns';

describe('row columns', () => {
  it('reads text exactly, whatever type the driver gave', () => {
    expect(text('12.5000')).toBe('12.5000');
    expect(text(7)).toBe('7');
    expect(text(9007199254740993n)).toBe('9007199254740993');
    expect(text(Buffer.from('Algodão', 'utf8'))).toBe('Algodão');
    expect(nullableText(null)).toBeNull();
    expect(nullableText(undefined)).toBeNull();
    expect(int('3')).toBe(3);
    expect(nullableInt(null)).toBeNull();
    expect(nullableInt('0')).toBe(0);
  });

  it('types rows field by field, in the order the columns are named', () => {
    interface TitleRow {
      readonly option_id: string;
      readonly store_id: number;
      readonly title: string | null;
    }
    const rows = rowsOf<TitleRow>([{ store_id: '1', option_id: 5, title: null, extra: 'x' }], {
      option_id: text,
      store_id: int,
      title: nullableText,
    });
    expect(rows).toEqual([{ option_id: '5', store_id: 1, title: null }]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['option_id', 'store_id', 'title']);
  });
});
