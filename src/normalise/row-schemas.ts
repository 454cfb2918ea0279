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
 * time (rowShapeProblem gives the same verdict by hand); they document the contract and type the row readers.
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

/**
 * The first field (in the schema's order) where `row` breaks ROW_SCHEMAS[kind], or null when the
 * row has the declared shape: required fields are strings, optional ones strings or absent.
 */
export function rowShapeProblem(kind: SourceKind, row: Record<string, unknown>): string | null {
  const { required, optional } = CANONICAL_FIELDS[kind];
  for (const f of required) if (typeof row[f] !== 'string') return f;
  for (const f of optional) {
    const v = row[f];
    if (v !== undefined && typeof v !== 'string') return f;
  }
  return null;
}
