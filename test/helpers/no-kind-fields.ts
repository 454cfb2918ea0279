import type { PersonRecord } from '../../src/model.js';

/** The kind-specific fields of a PersonRecord, all absent: test builders spread it and set what their kind has. */
export const NO_KIND_FIELDS = {
  hukouPlace: '',
  hukouAddress: '',
  statusDate: '',
  motherName: null,
  motherId: null,
  fatherName: null,
  fatherId: null,
  school: '',
  grade: '',
  guardianName: null,
  guardianId: null,
  deathDate: '',
} satisfies Partial<PersonRecord>;
