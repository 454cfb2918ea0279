import type { PersonRecord, RecordDetails } from '../../src/model.js';
import { emptyDetails } from '../../src/normalise/normalise-row.js';

/** The kind-specific fields of a PersonRecord, all absent: test builders spread it and set what their kind has. */
export const NO_KIND_FIELDS = {
  hukouPlace: '',
  hukouAddress: '',
  statusDate: '',
  details: null,
} satisfies Partial<PersonRecord>;

const DETAIL_FIELDS = Object.keys(emptyDetails()) as Array<keyof RecordDetails>;
const KINDS_WITH_DETAILS: ReadonlySet<string> = new Set(['births', 'schooling', 'deaths']);

/** Test specs may give a record's details as flat fields, as they were before records had `details`. */
export type FlatDetails = Partial<RecordDetails>;

/**
 * Splits a test spec's flat detail fields off: `details` is what a normalised record of `kind` has
 * (all nine fields, empty unless given, for births, schooling and deaths; null for the other kinds
 * unless the spec gives some), `rest` the spec without them.
 */
export function splitDetails<T extends FlatDetails>(kind: string, spec: T): { details: RecordDetails | null; rest: Omit<T, keyof RecordDetails> } {
  const rest: Record<string, unknown> = { ...spec };
  const given: Record<string, unknown> = {};
  for (const field of DETAIL_FIELDS) {
    if (field in rest) {
      given[field] = rest[field];
      delete rest[field];
    }
  }
  const some = Object.keys(given).length > 0;
  const details: RecordDetails | null = some || KINDS_WITH_DETAILS.has(kind) ? { ...emptyDetails(), ...given } : null;
  return { details, rest: rest as Omit<T, keyof RecordDetails> };
}
