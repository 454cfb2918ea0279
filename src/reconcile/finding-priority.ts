import type { FindingType } from '../model.js';

/**
 * Priority per finding type: 1 = act first (someone is probably missing from the census),
 * 2 = a record to fix before the census closes, 3 = to confirm or explain.
 * Rules may lower a finding by one step when the evidence is weak (see each rule).
 */
export const FINDING_PRIORITY: Record<FindingType, 1 | 2 | 3> = {
  OMISSION: 1,
  OCCUPIED_NOT_ENUMERATED: 1,
  DUPLICATE: 2,
  UNREGISTERED: 2,
  REGISTERED_ABSENT: 2,
  DECEASED_NOT_CANCELLED: 2,
  ID_COLLISION: 2,
  NOT_AT_REGISTERED_ADDRESS: 3,
  ATTRIBUTE_CONFLICT: 3,
  VACANT_REGISTERED_DWELLING: 3,
  REVIEW: 3,
};
