import { rowsOf } from './row-columns';

interface TitleRow {
  readonly option_id: string;
  readonly store_id: number;
  readonly title: string | null;
  readonly max_characters: number | null;
}

describe(rowsOf.name, () => {
  const columns = { option_id: 'text', store_id: 'int', title: 'text?', max_characters: 'int?' } as const;

  it('types rows field by field, in the order the columns are named, other columns left out', () => {
    const rows = rowsOf<TitleRow>(
      [{ store_id: '1', option_id: 5, title: null, extra: 'x', max_characters: '20' }],
      columns,
    );
    expect(rows).toEqual([{ option_id: '5', store_id: 1, title: null, max_characters: 20 }]);
    expect(Object.keys(rows[0] ?? {})).toEqual(['option_id', 'store_id', 'title', 'max_characters']);
  });

  it('reads text exactly, whatever type the driver gave', () => {
    const rows = rowsOf<TitleRow>(
      [
        { option_id: '12.5000', store_id: 0, title: Buffer.from('Algodão', 'utf8'), max_characters: null },
        { option_id: 9007199254740993n, store_id: '3', title: undefined, max_characters: undefined },
      ],
      columns,
    );
    expect(rows).toEqual([
      { option_id: '12.5000', store_id: 0, title: 'Algodão', max_characters: null },
      { option_id: '9007199254740993', store_id: 3, title: null, max_characters: null },
    ]);
  });
});
