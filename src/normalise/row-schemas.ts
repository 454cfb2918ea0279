import { z } from 'zod';
import type { SourceKind } from '../model.js';
import { CANONICAL_FIELDS } from '../pipeline/pipeline-schema.js';

/** One raw row of a source as the ingest layer hands it over: canonical field → cell text. */
function rowSchema<K extends SourceKind>(kind: K) {
  const { required, optional } = CANONICAL_FIELDS[kind];
  const shape: Record<string, z.ZodString | z.ZodOptional<z.ZodString>> = {};
  for (const f of required) shape[f] = z.string();
  for (const f of optional) shape[f] = z.string().optional();
  return z.object(shape);
}

/**
 * Declared shape of a raw row per source kind. normaliseRow does not parse rows with these at run
 * time (see the measurement there); they document the contract and type the row readers.
 */
export const ROW_SCHEMAS = {
  enumeration: rowSchema('enumeration'),
  register: rowSchema('register'),
  births: rowSchema('births'),
  schooling: rowSchema('schooling'),
  utilities: rowSchema('utilities'),
  deaths: rowSchema('deaths'),
} as const satisfies Record<SourceKind, z.ZodType>;

type Fields<K extends SourceKind> = (typeof CANONICAL_FIELDS)[K];
/** Raw row of kind K: required fields present, optional ones possibly absent. */
export type RawRow<K extends SourceKind> = { [F in Fields<K>['required'][number]]: string } & {
  [F in Fields<K>['optional'][number]]?: string;
};
