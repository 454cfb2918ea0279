import { StringMap } from '../lib/string-map.js';
import type { NameKeys, PersonRecord } from '../model.js';
import { digitsAt } from '../normalise/normalise-date.js';
import { comparableId } from './comparisons/id-number.js';
import { keyHash } from './key-hash.js';

/**
 * What the linkage reads of every record, as columns by record position: the ID pass and training
 * visit all two million records of a million persons' run, and reading these fields through each
 * record object (the record, its ID or name object, then the string) is a cache miss apiece. Ingest
 * fills them while each record's values are at hand (`readSources`); callers with records only get
 * them from `linkColumnsOf`.
 */
export interface LinkColumns {
  readonly length: number;
  /**
   * A comparable ID number (18 characters, valid or failing only its check character) as two
   * integers, its first nine digits and the next eight; -1 and -1 without one. Two valid numbers
   * are equal when their pairs are: a valid number's check character follows from the other seventeen.
   */
  readonly idHigh: Int32Array;
  readonly idLow: Int32Array;
  /** keyHash of that number, 0 without one. */
  readonly idHash: Int32Array;
  /** 1 when that number is valid (check character right). */
  readonly idValid: Uint8Array;
  /** The name key as a serial: equal serials are equal keys (`nameKeys[serial]`), -1 for no name. */
  readonly nameSerial: Int32Array;
  /** Serial → name key. */
  readonly nameKeys: readonly string[];
  /** Serial → keyHash of the name key. */
  readonly nameKeyHash: Int32Array;
}

const INITIAL_ROWS = 1024;

/** One source's columns, row by row as its records come; `join` puts sources together. */
export class LinkColumnsBuilder {
  length = 0;
  idHigh = new Int32Array(INITIAL_ROWS);
  idLow = new Int32Array(INITIAL_ROWS);
  idHash = new Int32Array(INITIAL_ROWS);
  idValid = new Uint8Array(INITIAL_ROWS);
  nameSerial = new Int32Array(INITIAL_ROWS);

  /** `serialOf` numbers name keys, the same number for the same key in every source joined. */
  constructor(private readonly serialOf: (name: NameKeys) => number) {}

  add(r: PersonRecord): void {
    if (this.length === this.idHigh.length) this.grow();
    const at = this.length++;
    const id = r.id;
    const high = comparableId(id) ? digitsAt(id.value, 0, 9) : -1;
    const low = high < 0 ? -1 : digitsAt(id.value, 9, 8);
    if (low < 0) {
      this.idHigh[at] = -1;
      this.idLow[at] = -1;
      this.idHash[at] = 0;
      this.idValid[at] = 0;
    } else {
      this.idHigh[at] = high;
      this.idLow[at] = low;
      this.idHash[at] = keyHash(id.value);
      this.idValid[at] = id.quality === 'valid' ? 1 : 0;
    }
    this.nameSerial[at] = this.serialOf(r.name);
  }

  private grow(): void {
    const size = this.idHigh.length * 2;
    this.idHigh = grown(this.idHigh, new Int32Array(size));
    this.idLow = grown(this.idLow, new Int32Array(size));
    this.idHash = grown(this.idHash, new Int32Array(size));
    this.idValid = grown(this.idValid, new Uint8Array(size));
    this.nameSerial = grown(this.nameSerial, new Int32Array(size));
  }

  /** The sources' columns one after the other, as their records are listed; `nameKeys` is serial → key. */
  static join(parts: readonly LinkColumnsBuilder[], nameKeys: readonly string[]): LinkColumns {
    const length = parts.reduce((n, p) => n + p.length, 0);
    const out = {
      length,
      idHigh: new Int32Array(length),
      idLow: new Int32Array(length),
      idHash: new Int32Array(length),
      idValid: new Uint8Array(length),
      nameSerial: new Int32Array(length),
      nameKeys: [...nameKeys],
      nameKeyHash: Int32Array.from(nameKeys, (key) => keyHash(key)),
    };
    let at = 0;
    for (const p of parts) {
      out.idHigh.set(p.idHigh.subarray(0, p.length), at);
      out.idLow.set(p.idLow.subarray(0, p.length), at);
      out.idHash.set(p.idHash.subarray(0, p.length), at);
      out.idValid.set(p.idValid.subarray(0, p.length), at);
      out.nameSerial.set(p.nameSerial.subarray(0, p.length), at);
      at += p.length;
    }
    return out;
  }
}

/** The serial a name read from a source carries (NameKeys.serial); a name without one is a bug upstream. */
export function carriedSerial(name: NameKeys): number {
  const serial = name.serial;
  if (serial === undefined) throw new Error('a name read from a source has no serial');
  return serial;
}

/** The columns of `records`, for callers that have records but no columns (tests, `explain`); names are numbered here. */
export function linkColumnsOf(records: readonly PersonRecord[]): LinkColumns {
  const serials = new StringMap<number>();
  const keys: string[] = [];
  const builder = new LinkColumnsBuilder((name) => {
    if (name.key === '') return -1;
    let serial = serials.get(name.key);
    if (serial === undefined) {
      serial = keys.length;
      keys.push(name.key);
      serials.set(name.key, serial);
    }
    return serial;
  });
  for (const r of records) builder.add(r);
  return LinkColumnsBuilder.join([builder], keys);
}

function grown<T extends Int32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
