import { z } from 'zod';
import { SOURCE_KINDS } from '../model.js';

/** Canonical fields per source kind; `required` must be mapped to a header, `optional` may be. */
export const CANONICAL_FIELDS = {
  enumeration: {
    required: ['record_key', 'area_code', 'household_id', 'address', 'name', 'sex', 'birth_date', 'presence'],
    optional: ['enumerator_id', 'id_number', 'relationship', 'hukou_place', 'hukou_address'],
  },
  register: {
    required: ['record_key', 'household_no', 'area_code', 'address', 'name', 'sex', 'birth_date', 'status'],
    optional: ['id_number', 'relationship', 'status_date'],
  },
  births: {
    required: ['record_key', 'sex', 'birth_date', 'mother_name', 'address'],
    optional: ['child_name', 'mother_id', 'father_name', 'father_id', 'area_code'],
  },
  schooling: {
    required: ['record_key', 'name', 'sex', 'birth_date', 'address'],
    optional: ['id_number', 'school', 'grade', 'area_code', 'guardian_name', 'guardian_id'],
  },
  utilities: {
    required: ['record_key', 'utility', 'address', 'period', 'consumption'],
    optional: ['area_code', 'holder_name', 'holder_id'],
  },
  deaths: {
    required: ['record_key', 'name', 'death_date'],
    optional: ['id_number', 'sex', 'birth_date'],
  },
} as const satisfies Record<(typeof SOURCE_KINDS)[number], { required: readonly string[]; optional: readonly string[] }>;

/** Blocking rules the linker knows; the pipeline picks and orders them. */
export const BLOCKING_RULES = [
  'id_number',
  'dwelling',
  'household',
  'name_pinyin_birth_year',
  'name_pinyin_birth_month',
  'birth_date_sex_town',
  'birth_date_sex_county',
  'surname_birth_date',
  'given_pinyin_birth_date',
  'given_pinyin_birth_month',
  'mother_id',
] as const;

/**
 * The rules run when a pipeline names none. The county-wide birth date + sex, the given name +
 * birth month and the name pinyin + birth year rules are left out: their pairs grow with the square
 * of the county (at a million persons the first two were two thirds of all candidate pairs, the
 * third 482,000 of 1.6 M) and on generated counties of 300k and 1M they found no link that their
 * town, birth-date and birth-month versions, which run instead, miss. Name them to have them back.
 */
export const DEFAULT_BLOCKING_RULES: ReadonlyArray<(typeof BLOCKING_RULES)[number]> = [
  'id_number',
  'dwelling',
  'household',
  'name_pinyin_birth_month',
  'birth_date_sex_town',
  'surname_birth_date',
  'given_pinyin_birth_date',
  'mother_id',
];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date written YYYY-MM-DD');

const sourceSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a short ASCII name (letters, digits, _ or -) used in record references'),
    kind: z.enum(SOURCE_KINDS),
    /** Free text for the people who maintain the file; ignored by the run. */
    description: z.string().optional(),
    path: z.string().min(1),
    encoding: z.enum(['auto', 'utf8', 'gb18030']).default('auto'),
    delimiter: z.string().length(1).default(','),
    /** canonical field → header in the file */
    columns: z.record(z.string(), z.string().min(1)),
    /** canonical field → (local spelling → canonical value); the common Chinese spellings need no entry. */
    values: z.record(z.string(), z.record(z.string(), z.string())).default({}),
  })
  .strict()
  .superRefine((src, ctx) => {
    const fields = CANONICAL_FIELDS[src.kind];
    const known = new Set<string>([...fields.required, ...fields.optional]);
    for (const key of Object.keys(src.columns)) {
      if (!known.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', key],
          message: `"${key}" is not a canonical field of a ${src.kind} source; expected one of ${[...known].join(', ')}`,
        });
      }
    }
    for (const req of fields.required) {
      if (!(req in src.columns)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', req],
          message: `required field "${req}" of a ${src.kind} source is not mapped to a header`,
        });
      }
    }
  });

const linkageSchema = z
  .object({
    blocking_rules: z.array(z.enum(BLOCKING_RULES)).min(1).default([...DEFAULT_BLOCKING_RULES]),
    /** Match probability at or above which a pair is linked. */
    match_threshold: z.number().gt(0).lt(1).default(0.99),
    /** Match probability at or above which (and below match_threshold) a pair goes to review.csv. */
    review_threshold: z.number().gt(0).lt(1).default(0.5),
    /** Blocks larger than this are skipped for a rule (counted in the stats) to keep linkage near-linear. */
    max_block_size: z.number().int().min(2).default(200),
    /** Estimate m-probabilities with EM on the candidate pairs (otherwise from ID-proven pairs only). */
    em: z.boolean().default(true),
    /** Random pairs sampled to estimate u-probabilities. */
    u_sample_pairs: z.number().int().min(1000).default(200_000),
    seed: z.number().int().default(42),
  })
  .strict()
  .refine((l) => l.review_threshold < l.match_threshold, {
    message: 'review_threshold must be below match_threshold',
    path: ['review_threshold'],
  });

const utilityOccupancySchema = z
  .object({
    /** Months before the reference moment that count (the reference window). */
    window_months: z.number().int().min(1).max(24).default(3),
    /** A dwelling is occupied when at least this many months of the window show consumption. */
    min_active_months: z.number().int().min(1).default(2),
    /** Minimum monthly consumption that counts as use, per utility (m³ water, kWh, m³ gas). */
    min_consumption: z
      .object({
        water: z.number().min(0).default(1),
        electricity: z.number().min(0).default(15),
        gas: z.number().min(0).default(1),
      })
      .strict()
      .default({ water: 1, electricity: 15, gas: 1 }),
  })
  .strict()
  .refine((u) => u.min_active_months <= u.window_months, {
    message: 'min_active_months cannot exceed window_months',
    path: ['min_active_months'],
  });

const findingsSchema = z
  .object({
    utility_occupancy: utilityOccupancySchema.default({
      window_months: 3,
      min_active_months: 2,
      min_consumption: { water: 1, electricity: 15, gas: 1 },
    }),
  })
  .strict();

/** The pipeline file: one nightly job. */
export const pipelineSchema = z
  .object({
    name: z.string().min(1).default('census-recon'),
    /** Free text for the people who maintain the file; ignored by the run. */
    description: z.string().optional(),
    /** 标准时点: the census reference moment, local date (00:00 that day). */
    reference_date: isoDate.default('2020-11-01'),
    scope: z
      .object({
        /** Area-code prefix of the county (6 digits) or prefecture (4) this job covers. */
        area_prefix: z.string().regex(/^\d{2,12}$/, 'expected the digits of an area-code prefix, e.g. "430104"'),
      })
      .strict(),
    sources: z.array(sourceSchema).min(1),
    linkage: linkageSchema.default(linkageSchema.parse({})),
    findings: findingsSchema.default(findingsSchema.parse({})),
    output: z
      .object({
        /** Folder (relative to the pipeline file) under which each run writes `<run_id>/`. */
        dir: z.string().min(1).default('out'),
        /** Mask ID numbers in revisit lists (430104********1234). */
        mask_id_numbers: z.boolean().default(true),
      })
      .strict()
      .default({ dir: 'out', mask_id_numbers: true }),
    /** Highest share of rejected rows per source before the run exits with status 3. */
    max_reject_rate: z.number().min(0).max(1).default(0.05),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.sources.forEach((s, i) => {
      if (seen.has(s.name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sources', i, 'name'],
          message: `source name "${s.name}" is already used by sources[${seen.get(s.name)}]`,
        });
      } else seen.set(s.name, i);
    });
    for (const kind of ['enumeration', 'register'] as const) {
      if (!p.sources.some((s) => s.kind === kind)) {
        ctx.addIssue({ code: 'custom', path: ['sources'], message: `a pipeline needs at least one ${kind} source` });
      }
    }
  });

export type PipelineInput = z.input<typeof pipelineSchema>;
export type Pipeline = z.output<typeof pipelineSchema>;
export type SourceConfig = Pipeline['sources'][number];
export type LinkageConfig = Pipeline['linkage'];
export type FindingsConfig = Pipeline['findings'];
