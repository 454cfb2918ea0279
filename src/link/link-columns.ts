import type { NameKeys, PersonRecord } from '../model.js';
import { digitsAt } from '../normalise/normalise-date.js';
import { comparableId } from './comparisons/id-number.js';
import { keyHash } from './key-hash.js';

/**
 * What the linkage reads of every record (the ID pass, training, the persons' numbering), as
 * columns by record position, read from the records once (`linkColumnsOf`). The ID pass used to read a holder's number through its record and
 * ID object for every bucket of a shared number (a million of them at a million persons), and to
 * compare holders' names through their records; training read every record's name key again.
 */
export interface LinkColumns {
  readonly length: number;
  /** The record's ix. */
  readonly ix: Int32Array;
  /** The record's source, as its position in `sources`. */
  readonly source: Int32Array;
  /** The records' sources, in order of first appearance. */
  readonly sources: readonly string[];
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

/**
 * The columns of `records`. Names read by one run's ingest carry their key's serial
 * (NameKeys.serial), which is used as it is; names made otherwise, or from readings whose serials
 * disagree (the same serial on two different keys), are numbered here.
 */
export function linkColumnsOf(records: readonly PersonRecord[]): LinkColumns {
  const n = records.length;
  const idHigh = new Int32Array(n);
  const idLow = new Int32Array(n);
  const idHash = new Int32Array(n);
  const idValid = new Uint8Array(n);
  const nameSerial = new Int32Array(n);
  const ix = new Int32Array(n);
  const source = new Int32Array(n);
  const sources: string[] = [];
  // a run's records come source by source: most records have the previous one's source
  let lastSource: string | undefined;
  let lastIndex = -1;
  // serial → a name carrying it (its key is the serial's key), checked for every other name carrying it
  const carriers: Array<NameKeys | undefined> = [];
  let carried = true;
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    ix[i] = r.ix;
    if (r.source !== lastSource) {
      lastSource = r.source;
      lastIndex = sources.indexOf(r.source);
      if (lastIndex < 0) lastIndex = sources.push(r.source) - 1;
    }
    source[i] = lastIndex;
    const id = r.id;
    const high = comparableId(id) ? digitsAt(id.value, 0, 9) : -1;
    const low = high < 0 ? -1 : digitsAt(id.value, 9, 8);
    if (low < 0) {
      idHigh[i] = idLow[i] = -1;
    } else {
      idHigh[i] = high;
      idLow[i] = low;
      idHash[i] = keyHash(id.value);
      idValid[i] = id.quality === 'valid' ? 1 : 0;
    }
    if (!carried) continue;
    const name = r.name;
    const serial = name.serial;
    if (serial === undefined || (serial < 0) !== (name.key === '')) carried = false;
    else if (serial >= 0) {
      const carrier = carriers[serial];
      if (carrier === undefined) carriers[serial] = name;
      else if (carrier !== name && carrier.key !== name.key) carried = false;
    }
    nameSerial[i] = serial ?? -1;
  }
  if (carried) {
    // serials this run's records do not carry (other fields' names) stay '' (Array.from visits holes, map does not)
    const nameKeys = Array.from(carriers, (c) => c?.key ?? '');
    return { length: n, ix, source, sources, idHigh, idLow, idHash, idValid, nameSerial, nameKeys, nameKeyHash: Int32Array.from(nameKeys, (k) => keyHash(k)) };
  }
  // number the keys afresh, in order of first sight
  const serialOf = new Map<string, number>();
  const nameKeys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = records[i]!.name.key;
    let serial = -1;
    if (key !== '') {
      serial = serialOf.get(key) ?? nameKeys.length;
      if (serial === nameKeys.length) {
        nameKeys.push(key);
        serialOf.set(key, serial);
      }
    }
    nameSerial[i] = serial;
  }
  return { length: n, ix, source, sources, idHigh, idLow, idHash, idValid, nameSerial, nameKeys, nameKeyHash: Int32Array.from(nameKeys, (k) => keyHash(k)) };
}
