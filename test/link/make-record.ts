import type { PersonRecord } from '../../src/model.js';
import { dwellingKey } from '../../src/normalise/normalise-address.js';
import { idCheckChar, normaliseId, NO_ID } from '../../src/normalise/normalise-id.js';
import { EMPTY_NAME, normaliseName } from '../../src/normalise/normalise-name.js';
import { type FlatDetails, NO_KIND_FIELDS, splitDetails } from '../helpers/no-kind-fields.js';

/** Raw-ish fields of a fictional person; everything else is filled in. */
export interface RecordSpec extends Partial<Omit<PersonRecord, 'name' | 'id'>>, Omit<FlatDetails, 'motherName' | 'motherId'> {
  name?: string;
  id?: string;
  motherName?: string;
  motherId?: string;
}

let counter = 0;

/** Builds a normalised PersonRecord from a partial: names and IDs go through the real normalisers. */
export function makeRecord(spec: RecordSpec): PersonRecord {
  const { name, id, motherName, motherId, ...flat } = spec;
  const kind = flat.kind ?? 'enumeration';
  const given: FlatDetails = { ...(motherName ? { motherName: normaliseName(motherName) } : {}), ...(motherId ? { motherId: normaliseId(motherId) } : {}) };
  const { details, rest } = splitDetails(kind, { ...flat, ...given });
  const source = rest.source ?? kind;
  const recordKey = rest.recordKey ?? `K${++counter}`;
  const address = rest.address ?? '';
  return {
    ix: 0,
    source,
    kind,
    recordKey,
    line: 2,
    name: name ? (normaliseName(name) ?? EMPTY_NAME) : EMPTY_NAME,
    id: id ? normaliseId(id) : NO_ID,
    sex: '',
    birthDate: '',
    address,
    dwelling: address ? dwellingKey(address) : '',
    areaCode: '',
    household: '',
    relationship: '',
    enumeratorId: '',
    presence: kind === 'enumeration' ? 'resident' : '',
    ...NO_KIND_FIELDS,
    status: kind === 'register' ? 'active' : '',
    details,
    marks: [],
    ...rest,
  };
}

/** Numbers a list of records 0..n-1 (their ix) in place and returns it. */
export function indexed(records: PersonRecord[]): PersonRecord[] {
  records.forEach((r, i) => (r.ix = i));
  return records;
}


/** A valid fictional ID number from address code, birth date (YYYYMMDD) and 3-digit sequence. */
export function fakeId(area: string, ymd: string, seq: string): string {
  const first = `${area}${ymd}${seq}`;
  return first + idCheckChar(first);
}
