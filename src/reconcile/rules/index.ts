import { attributeConflict } from './attribute-conflict.js';
import { deceasedNotCancelled } from './deceased-not-cancelled.js';
import { duplicate } from './duplicate.js';
import type { FindingRule } from './finding-rule.js';
import { idCollision } from './id-collision.js';
import { notAtRegisteredAddress } from './not-at-registered-address.js';
import { occupiedNotEnumerated } from './occupied-not-enumerated.js';
import { omission } from './omission.js';
import { registeredAbsent } from './registered-absent.js';
import { review } from './review.js';
import { unregistered } from './unregistered.js';
import { vacantRegisteredDwelling } from './vacant-registered-dwelling.js';

export type { FindingRule } from './finding-rule.js';

/** The finding rules, one per finding type; a new rule is a new file added here. */
export const RULES: readonly FindingRule[] = [
  duplicate,
  omission,
  registeredAbsent,
  notAtRegisteredAddress,
  unregistered,
  deceasedNotCancelled,
  attributeConflict,
  idCollision,
  vacantRegisteredDwelling,
  occupiedNotEnumerated,
  review,
];
