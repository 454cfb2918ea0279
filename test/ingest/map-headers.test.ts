import { describe, expect, it } from 'vitest';
import { rowBuilder } from '../../src/ingest/map-headers.js';

describe('rowBuilder', () => {
  const cells = ['K1', '张三', '', '1990-01-02'];

  it('builds the row of canonical field → cell from the columns it is given', () => {
    const build = rowBuilder([
      ['record_key', 0],
      ['birth_date', 3],
      ['name', 1],
      ['address', 2],
    ]);
    expect(build(cells)).toEqual({ record_key: 'K1', birth_date: '1990-01-02', name: '张三', address: '' });
    // a fresh row each time, filled from that call's cells
    expect(build(['K2', '李四', 'x', ''])).toEqual({ record_key: 'K2', birth_date: '', name: '李四', address: 'x' });
  });

  it('leaves a field whose column the row lacks undefined, as if unmapped', () => {
    const row = rowBuilder([
      ['record_key', 0],
      ['status', 9],
    ])(cells);
    expect(row['status']).toBeUndefined();
    expect(Object.keys(row)).toEqual(['record_key', 'status']);
  });

  it('treats a name that is not a plain identifier as data, never as code', () => {
    const row = rowBuilder([
      ['a }; throw new Error("ran"); //', 0],
      ['odd-name', 1],
    ])(cells);
    expect(row).toEqual({ 'a }; throw new Error("ran"); //': 'K1', 'odd-name': '张三' });
  });
});
