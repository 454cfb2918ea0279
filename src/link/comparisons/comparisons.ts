import { birthDate } from './birth-date.js';
import type { Comparison } from './comparison.js';
import { dwelling } from './dwelling.js';
import { idNumber } from './id-number.js';
import { name } from './name.js';
import { sex } from './sex.js';

/** The comparison registry, in scoring (and explanation) order. A new comparison is a new file here. */
export const comparisons: readonly Comparison[] = [name, birthDate, sex, dwelling, idNumber];
