import { UTILITY_KINDS, type UtilityRecord, type UtilityTable } from '../model.js';
import { recordRef } from './record-ref.js';

/** A utilities row's reference in every output (recordRef's `<source>:<record_key>`). */
export function utilityRef(table: UtilityTable, row: number): string {
  return recordRef({ source: table.strings[table.source[row]!]!, recordKey: table.strings[table.recordKey[row]!]! });
}

/** Empty columns with room for `length` rows, over `strings`. */
export function utilityColumns(length: number, strings: string[]): UtilityTable {
  return {
    length,
    strings,
    source: new Int32Array(length),
    recordKey: new Int32Array(length),
    address: new Int32Array(length),
    dwelling: new Int32Array(length),
    areaCode: new Int32Array(length),
    period: new Int32Array(length),
    utility: new Uint8Array(length),
    consumption: new Float64Array(length),
    line: new Int32Array(length),
  };
}

/** The string columns, named as UtilityRecord names the same fields. */
const STRING_COLUMNS = ['source', 'recordKey', 'address', 'dwelling', 'areaCode', 'period'] as const satisfies ReadonlyArray<
  keyof UtilityTable & keyof UtilityRecord
>;

/** UTILITY_KINDS index of each kind. */
export const UTILITY_KIND_INDEX: Record<string, number> = Object.fromEntries(UTILITY_KINDS.map((k, i) => [k, i]));

/** The table of utilities records read on this thread (and of hand-made ones in tests). */
export function utilityTableOf(records: readonly UtilityRecord[]): UtilityTable {
  const strings: string[] = [];
  const table = utilityColumns(records.length, strings);
  // one string entry per value, shared while a column's value repeats from the row before (most do)
  const lastValue: Array<string | undefined> = STRING_COLUMNS.map(() => undefined);
  const lastIndex = new Int32Array(STRING_COLUMNS.length);
  records.forEach((r, i) => {
    STRING_COLUMNS.forEach((name, c) => {
      const value = r[name];
      if (value !== lastValue[c]) {
        lastValue[c] = value;
        lastIndex[c] = strings.length;
        strings.push(value);
      }
      table[name][i] = lastIndex[c]!;
    });
    table.utility[i] = UTILITY_KIND_INDEX[r.utility]!;
    table.consumption[i] = r.consumption;
    table.line[i] = r.line;
  });
  return table;
}

/** The tables one after the other, in the order given (each source's rows in file order). */
export function concatUtilityTables(tables: readonly UtilityTable[]): UtilityTable {
  const nonEmpty = tables.filter((t) => t.length > 0);
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const length = nonEmpty.reduce((n, t) => n + t.length, 0);
  const strings: string[] = [];
  const out = utilityColumns(length, strings);
  let at = 0;
  for (const t of nonEmpty) {
    const offset = strings.length;
    for (const s of t.strings) strings.push(s);
    for (const name of STRING_COLUMNS) {
      const from = t[name];
      const to = out[name];
      for (let i = 0; i < t.length; i++) to[at + i] = from[i]! + offset;
    }
    out.utility.set(t.utility, at);
    out.consumption.set(t.consumption, at);
    out.line.set(t.line, at);
    at += t.length;
  }
  return out;
}
