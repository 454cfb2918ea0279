import type { IdNumber, Mark, NameKeys, PersonRecord, RecordDetails, UtilityRecord, UtilityTable } from '../model.js';
import { ArrayBuilder } from '../lib/array-builder.js';
import { UTILITY_KIND_INDEX, utilityColumns } from '../lib/utility-table.js';
import { NO_ID } from '../normalise/normalise-id.js';
import { EMPTY_NAME } from '../normalise/normalise-name.js';
import { NO_MARKS } from '../normalise/normalise-row.js';

/*
 * Records read in a worker thread come back to the main thread in this compact form: a table of
 * distinct strings and flat int arrays, one row per record. postMessage's structured clone of the
 * records themselves cost ~10 µs a record to rebuild on the main thread (each string and object
 * property written separately, every repeated value a new copy); this costs about one, keeps repeated
 * values shared (one string per distinct value, one object per distinct name and ID number), and the
 * int arrays move without a copy.
 */

/** A batch of records as transferable columns. */
export interface EncodedRecords {
  /** Distinct strings; rows refer to them by index. */
  strings: string[];
  /** PERSON_WIDTH ints per person record. */
  persons: Int32Array;
  /** UTILITY_WIDTH ints per utility record. */
  utilities: Int32Array;
  consumption: Float64Array;
  /** Distinct names, NAME_WIDTH string indexes each. */
  names: Int32Array;
  /** Distinct ID numbers, ID_WIDTH ints each. */
  ids: Int32Array;
  /** Mark lists: a count, then (code, field, detail) string indexes per mark (detail -1 when absent). */
  marks: Int32Array;
}

// Object references in a row: the table row, or one of these.
const NULL_REF = -1;
const EMPTY_REF = -2; // EMPTY_NAME, NO_ID or NO_MARKS: the shared constants keep their identity

/**
 * Person string fields in row order (after line, name and id, before the details' strings).
 * The first ones repeat little (record keys, addresses, households): they are not looked up in the
 * string table, which would grow to millions of entries and miss the CPU cache on every lookup;
 * a value equal to the previous record's (the next member of a household) is shared all the same.
 */
const PERSON_STRINGS = [
  'recordKey',
  'address',
  'dwelling',
  'household',
  'source',
  'kind',
  'sex',
  'birthDate',
  'areaCode',
  'relationship',
  'enumeratorId',
  'presence',
  'hukouPlace',
  'hukouAddress',
  'status',
  'statusDate',
] as const satisfies ReadonlyArray<keyof PersonRecord>;
/** The details' strings and (name, id) pairs, after the person strings; '' and null when a record has no details. */
const DETAIL_STRINGS = ['school', 'grade', 'deathDate'] as const satisfies ReadonlyArray<keyof RecordDetails>;
const DETAIL_PEOPLE = [
  ['motherName', 'motherId'],
  ['fatherName', 'fatherId'],
  ['guardianName', 'guardianId'],
] as const satisfies ReadonlyArray<readonly [keyof RecordDetails, keyof RecordDetails]>;
/** line, name, id, the strings, the details' strings, three (name, id) pairs, marks, 1 when the record has details. */
export const PERSON_WIDTH = 3 + PERSON_STRINGS.length + DETAIL_STRINGS.length + 2 * DETAIL_PEOPLE.length + 2;
const UTILITY_STRINGS = ['recordKey', 'address', 'dwelling', 'source', 'utility', 'areaCode', 'period'] as const satisfies ReadonlyArray<
  keyof UtilityRecord
>;
/** line, the strings, marks. */
export const UTILITY_WIDTH = 1 + UTILITY_STRINGS.length + 1;
const NAME_FIELDS = ['display', 'key', 'surname', 'given', 'pinyin', 'pinyinFuzzy'] as const satisfies ReadonlyArray<keyof NameKeys>;
const NAME_WIDTH = NAME_FIELDS.length;
/** value, quality, kind, legacy15 (0/1), birthDate, sex. */
const ID_WIDTH = 6;

// Tables of distinct values in encodeRecords: person fields 4–18, utility fields 19–22, then these.
const NAME_TABLE = 23;
const ID_TABLE = NAME_TABLE + NAME_WIDTH;
const MARK_TABLE = ID_TABLE + 4;
const FIELD_TABLES = MARK_TABLE + 3;
/** The unshared-value slot of ID numbers (record keys, addresses, dwellings and households use 0–6). */
const ID_VALUE_FIELD = 7;

/** The field lists the codec carries, for the test that checks they cover the record shapes. */
export const CODEC_FIELDS = {
  person: ['ix', 'line', 'name', 'id', ...PERSON_STRINGS, 'details', 'marks'],
  details: [...DETAIL_STRINGS, ...DETAIL_PEOPLE.flat()],
  utility: ['ix', 'line', ...UTILITY_STRINGS, 'consumption', 'marks'],
} as const;

/** A growable column of numbers: ints, or the one float column (consumption). */
class Column<A extends Int32Array | Float64Array> {
  data: A;
  length = 0;
  constructor(
    private readonly make: (length: number) => A,
    capacity: number,
  ) {
    this.data = make(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.data.length * 2);
    this.data[this.length++] = v;
  }
  /**
   * Room for `capacity` values in all, allocated once: doubling copies the column into fresh memory at
   * every step (see ArrayBuilder on what fresh pages cost here).
   */
  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const grown = this.make(capacity);
    grown.set(this.data.subarray(0, this.length));
    this.data = grown;
  }
  /** The values pushed: the column itself when it is mostly full (its buffer then goes as it is), else a copy. */
  done(): A {
    return (this.length * 4 >= this.data.length * 3 ? this.data.subarray(0, this.length) : this.data.slice(0, this.length)) as A;
  }
}

const intColumn = (capacity: number): Column<Int32Array> => new Column((n) => new Int32Array(n), capacity);

/**
 * Encodes records one at a time, as they are read (in a worker), for `decodeRecords` (on the main
 * thread). Encoding each record as soon as it is normalised finds its values still in the CPU cache,
 * and the worker never holds the records themselves.
 */
export class RecordEncoder {
  private readonly strings = new ArrayBuilder<string>();
  // Fields that repeat get a table of their own: a lookup in a small map stays in the CPU cache,
  // and a value equal to the field's previous one (the same source, sex, area…) skips the lookup.
  private readonly fieldIx = Array.from({ length: FIELD_TABLES }, () => new Map<string, number>());
  private readonly fieldLast: string[] = new Array<string>(FIELD_TABLES).fill('');
  private readonly fieldLastIx: number[] = new Array<number>(FIELD_TABLES).fill(0);
  private readonly lastValue: string[] = [];
  private readonly lastIx: number[] = [];
  private readonly persons = intColumn(1 << 16);
  private readonly utilities = intColumn(1024);
  private readonly consumption = new Column((n) => new Float64Array(n), 1024);
  private readonly names = intColumn(1024);
  private readonly nameIx = new Map<NameKeys, number>();
  private readonly ids = intColumn(1024);
  private readonly idIx = new Map<IdNumber, number>();
  private readonly marks = intColumn(1024);

  constructor() {
    this.strings.push('');
  }

  /** Makes room for about `rows` more records of the kind `kind` reads (readSource's estimate of a file's rows). */
  reserve(rows: number, utilities: boolean): void {
    if (utilities) {
      this.utilities.reserve(this.utilities.length + rows * UTILITY_WIDTH);
      this.consumption.reserve(this.consumption.length + rows);
    } else this.persons.reserve(this.persons.length + rows * PERSON_WIDTH);
  }

  /** A value that repeats: one table entry per distinct value of the field. */
  private fieldStr(s: string, field: number): number {
    if (s === this.fieldLast[field]) return this.fieldLastIx[field]!;
    const table = this.fieldIx[field]!;
    let i = table.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      table.set(s, i);
    }
    this.fieldLast[field] = s;
    return (this.fieldLastIx[field] = i);
  }

  /** A value that mostly does not: its own table entry, unless it is the previous value of its field. */
  private unshared(s: string, field: number): number {
    if (s === '') return 0;
    if (this.lastValue[field] === s) return this.lastIx[field]!;
    this.lastValue[field] = s;
    this.strings.push(s);
    return (this.lastIx[field] = this.strings.length - 1);
  }

  private name(n: NameKeys | null): number {
    if (n === null) return NULL_REF;
    if (n === EMPTY_NAME) return EMPTY_REF;
    let i = this.nameIx.get(n);
    if (i === undefined) {
      i = this.nameIx.size;
      this.nameIx.set(n, i);
      const t = this.names;
      t.push(this.fieldStr(n.display, NAME_TABLE));
      t.push(this.fieldStr(n.key, NAME_TABLE + 1));
      t.push(this.fieldStr(n.surname, NAME_TABLE + 2));
      t.push(this.fieldStr(n.given, NAME_TABLE + 3));
      t.push(this.fieldStr(n.pinyin, NAME_TABLE + 4));
      t.push(this.fieldStr(n.pinyinFuzzy, NAME_TABLE + 5));
    }
    return i;
  }

  private id(v: IdNumber | null): number {
    if (v === null) return NULL_REF;
    if (v === NO_ID) return EMPTY_REF;
    let i = this.idIx.get(v);
    if (i === undefined) {
      i = this.idIx.size;
      this.idIx.set(v, i);
      const t = this.ids;
      t.push(this.unshared(v.value, ID_VALUE_FIELD));
      t.push(this.fieldStr(v.quality, ID_TABLE));
      t.push(this.fieldStr(v.kind, ID_TABLE + 1));
      t.push(v.legacy15 ? 1 : 0);
      t.push(this.fieldStr(v.birthDate, ID_TABLE + 2));
      t.push(this.fieldStr(v.sex, ID_TABLE + 3));
    }
    return i;
  }

  private markList(list: readonly Mark[]): number {
    if (list.length === 0) return EMPTY_REF;
    const t = this.marks;
    const at = t.length;
    t.push(list.length);
    for (const m of list) {
      t.push(this.fieldStr(m.code, MARK_TABLE));
      t.push(this.fieldStr(m.field, MARK_TABLE + 1));
      t.push(m.detail === undefined ? NULL_REF : this.fieldStr(m.detail, MARK_TABLE + 2));
    }
    return at;
  }

  addPerson(r: PersonRecord): void {
    const p = this.persons;
    // in PERSON_STRINGS order, written out: a loop over field names made every read a keyed lookup
    p.push(r.line);
    p.push(this.name(r.name));
    p.push(this.id(r.id));
    p.push(this.unshared(r.recordKey, 0));
    p.push(this.unshared(r.address, 1));
    p.push(this.unshared(r.dwelling, 2));
    p.push(this.unshared(r.household, 3));
    p.push(this.fieldStr(r.source, 4));
    p.push(this.fieldStr(r.kind, 5));
    p.push(this.fieldStr(r.sex, 6));
    p.push(this.fieldStr(r.birthDate, 7));
    p.push(this.fieldStr(r.areaCode, 8));
    p.push(this.fieldStr(r.relationship, 9));
    p.push(this.fieldStr(r.enumeratorId, 10));
    p.push(this.fieldStr(r.presence, 11));
    p.push(this.fieldStr(r.hukouPlace, 12));
    p.push(this.fieldStr(r.hukouAddress, 13));
    p.push(this.fieldStr(r.status, 14));
    p.push(this.fieldStr(r.statusDate, 15));
    const d = r.details;
    p.push(this.fieldStr(d ? d.school : '', 16));
    p.push(this.fieldStr(d ? d.grade : '', 17));
    p.push(this.fieldStr(d ? d.deathDate : '', 18));
    p.push(this.name(d ? d.motherName : null));
    p.push(this.id(d ? d.motherId : null));
    p.push(this.name(d ? d.fatherName : null));
    p.push(this.id(d ? d.fatherId : null));
    p.push(this.name(d ? d.guardianName : null));
    p.push(this.id(d ? d.guardianId : null));
    p.push(this.markList(r.marks));
    p.push(d ? 1 : 0);
  }

  addUtility(r: UtilityRecord): void {
    const u = this.utilities;
    // in UTILITY_STRINGS order
    u.push(r.line);
    u.push(this.unshared(r.recordKey, 4));
    u.push(this.unshared(r.address, 5));
    u.push(this.unshared(r.dwelling, 6));
    u.push(this.fieldStr(r.source, 19));
    u.push(this.fieldStr(r.utility, 20));
    u.push(this.fieldStr(r.areaCode, 21));
    u.push(this.fieldStr(r.period, 22));
    u.push(this.markList(r.marks));
    this.consumption.push(r.consumption);
  }

  /** The batch so far. */
  finish(): EncodedRecords {
    return {
      strings: this.strings.toArray(),
      persons: this.persons.done(),
      utilities: this.utilities.done(),
      consumption: this.consumption.done(),
      names: this.names.done(),
      ids: this.ids.done(),
      marks: this.marks.done(),
    };
  }
}

/** Encodes a batch of records at once (tests; the worker encodes as it reads). */
export function encodeRecords(persons: readonly PersonRecord[], utilities: readonly UtilityRecord[]): EncodedRecords {
  const encoder = new RecordEncoder();
  for (const r of persons) encoder.addPerson(r);
  for (const u of utilities) encoder.addUtility(u);
  return encoder.finish();
}

/** The buffers of a batch, to hand to postMessage's transfer list. */
export function transferables(batch: EncodedRecords): ArrayBuffer[] {
  return [batch.persons, batch.utilities, batch.consumption, batch.names, batch.ids, batch.marks].map((a) => a.buffer as ArrayBuffer);
}

/** Rebuilds the records of a batch; `ix` is left 0 for the caller to number. */
export function decodeRecords(batch: EncodedRecords): { persons: PersonRecord[]; utilities: UtilityRecord[] } {
  const s = batch.strings;
  const nameTable: NameKeys[] = [];
  for (let o = 0; o < batch.names.length; o += NAME_WIDTH) {
    const n = batch.names;
    nameTable.push(
      Object.freeze({
        display: s[n[o]!]!,
        key: s[n[o + 1]!]!,
        surname: s[n[o + 2]!]!,
        given: s[n[o + 3]!]!,
        pinyin: s[n[o + 4]!]!,
        pinyinFuzzy: s[n[o + 5]!]!,
      }),
    );
  }
  const idTable: IdNumber[] = [];
  for (let o = 0; o < batch.ids.length; o += ID_WIDTH) {
    const d = batch.ids;
    idTable.push(
      Object.freeze({
        value: s[d[o]!]!,
        quality: s[d[o + 1]!] as IdNumber['quality'],
        kind: s[d[o + 2]!] as IdNumber['kind'],
        legacy15: d[o + 3] === 1,
        birthDate: s[d[o + 4]!]!,
        sex: s[d[o + 5]!] as IdNumber['sex'],
      }),
    );
  }
  const name = (i: number): NameKeys | null => (i === NULL_REF ? null : i === EMPTY_REF ? EMPTY_NAME : nameTable[i]!);
  const id = (i: number): IdNumber | null => (i === NULL_REF ? null : i === EMPTY_REF ? NO_ID : idTable[i]!);
  const marks = (at: number): Mark[] => {
    if (at === EMPTY_REF) return NO_MARKS;
    const m = batch.marks;
    const list: Mark[] = [];
    const count = m[at]!;
    for (let k = 0, o = at + 1; k < count; k++, o += 3) {
      const mark: Mark = { code: s[m[o]!]!, field: s[m[o + 1]!]! };
      if (m[o + 2] !== NULL_REF) mark.detail = s[m[o + 2]!]!;
      list.push(mark);
    }
    return list;
  };

  const p = batch.persons;
  const persons: PersonRecord[] = new Array(p.length / PERSON_WIDTH);
  for (let k = 0, o = 0; o < p.length; k++, o += PERSON_WIDTH) {
    // the same property order as normaliseRow's records, so both share one hidden class
    persons[k] = {
      ix: 0,
      source: s[p[o + 7]!]!,
      kind: s[p[o + 8]!] as PersonRecord['kind'],
      recordKey: s[p[o + 3]!]!,
      line: p[o]!,
      name: name(p[o + 1]!)!,
      id: id(p[o + 2]!)!,
      sex: s[p[o + 9]!] as PersonRecord['sex'],
      birthDate: s[p[o + 10]!]!,
      address: s[p[o + 4]!]!,
      dwelling: s[p[o + 5]!]!,
      areaCode: s[p[o + 11]!]!,
      household: s[p[o + 6]!]!,
      relationship: s[p[o + 12]!]!,
      enumeratorId: s[p[o + 13]!]!,
      presence: s[p[o + 14]!] as PersonRecord['presence'],
      hukouPlace: s[p[o + 15]!] as PersonRecord['hukouPlace'],
      hukouAddress: s[p[o + 16]!]!,
      status: s[p[o + 17]!] as PersonRecord['status'],
      statusDate: s[p[o + 18]!]!,
      // in emptyDetails' order (normalise-row.ts), for the same hidden class
      details:
        p[o + 29] === 1
          ? {
              motherName: name(p[o + 22]!),
              motherId: id(p[o + 23]!),
              fatherName: name(p[o + 24]!),
              fatherId: id(p[o + 25]!),
              school: s[p[o + 19]!]!,
              grade: s[p[o + 20]!]!,
              guardianName: name(p[o + 26]!),
              guardianId: id(p[o + 27]!),
              deathDate: s[p[o + 21]!]!,
            }
          : null,
      marks: marks(p[o + 28]!),
    };
  }
  const u = batch.utilities;
  const utilities: UtilityRecord[] = new Array(u.length / UTILITY_WIDTH);
  for (let k = 0, o = 0; o < u.length; k++, o += UTILITY_WIDTH) {
    utilities[k] = {
      ix: 0,
      source: s[u[o + 4]!]!,
      recordKey: s[u[o + 1]!]!,
      line: u[o]!,
      utility: s[u[o + 5]!] as UtilityRecord['utility'],
      address: s[u[o + 2]!]!,
      dwelling: s[u[o + 3]!]!,
      areaCode: s[u[o + 6]!]!,
      period: s[u[o + 7]!]!,
      consumption: batch.consumption[k]!,
      marks: marks(u[o + 8]!),
    };
  }
  return { persons, utilities };
}

/**
 * The utilities rows of a batch as a table over the batch's own strings, without a record object per
 * row (the main thread keeps them this way; see UtilityTable). Marks are left out: nothing after ingest
 * reads them.
 */
export function utilityTableOfBatch(batch: EncodedRecords): UtilityTable {
  const u = batch.utilities;
  const table = utilityColumns(u.length / UTILITY_WIDTH, batch.strings);
  for (let k = 0, o = 0; o < u.length; k++, o += UTILITY_WIDTH) {
    // in UTILITY_STRINGS order after the line: recordKey, address, dwelling, source, utility, areaCode, period
    table.line[k] = u[o]!;
    table.recordKey[k] = u[o + 1]!;
    table.address[k] = u[o + 2]!;
    table.dwelling[k] = u[o + 3]!;
    table.source[k] = u[o + 4]!;
    table.utility[k] = UTILITY_KIND_INDEX[batch.strings[u[o + 5]!]!]!;
    table.areaCode[k] = u[o + 6]!;
    table.period[k] = u[o + 7]!;
    table.consumption[k] = batch.consumption[k]!;
  }
  return table;
}
