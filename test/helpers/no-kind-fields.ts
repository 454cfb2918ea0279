import type { PersonRecord, RecordDetails } from '../../src/model.js';

/** The kind-specific fields of a PersonRecord, all absent: test builders spread it and set what their kind has. */
export const NO_KIND_FIELDS = {
  hukouPlace: '',
  hukouAddress: '',
  statusDate: '',
  details: null,
} satisfies Partial<PersonRecord>;

const DETAIL_FIELDS = ['motherName', 'motherId', 'fatherName', 'fatherId', 'school', 'grade', 'guardianName', 'guardianId', 'deathDate'] as const;
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
  const given: FlatDetails = {};
  let any = false;
  for (const field of DETAIL_FIELDS) {
    if (field in rest) {
      (given as Record<string, unknown>)[field] = rest[field];
      delete rest[field];
      any = true;
    }
  }
  const details: RecordDetails | null =
    any || KINDS_WITH_DETAILS.has(kind)
      ? {
          motherName: null,
          motherId: null,
          fatherName: null,
          fatherId: null,
          school: '',
          grade: '',
          guardianName: null,
          guardianId: null,
          deathDate: '',
          ...given,
        }
      : null;
  return { details, rest: rest as Omit<T, keyof RecordDetails> };
}
