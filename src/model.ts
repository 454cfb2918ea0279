/**
 * Shared data shapes that flow between the stages:
 * ingest → normalise → link → reconcile → report.
 * Stages import types from here and from lib/ only, never from each other's internals.
 */

export const SOURCE_KINDS = ['enumeration', 'register', 'births', 'schooling', 'utilities', 'deaths'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export type Sex = 'M' | 'F';
export type Presence = 'resident' | 'away';
/** The short form's 户口登记地 1–5. */
export const HUKOU_PLACES = ['here', 'town', 'county', 'outside_county', 'pending'] as const;
export type HukouPlace = (typeof HUKOU_PLACES)[number];
export const REGISTER_STATUSES = ['active', 'moved_out', 'deceased', 'cancelled'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];
export const UTILITY_KINDS = ['water', 'electricity', 'gas'] as const;
export type UtilityKind = (typeof UTILITY_KINDS)[number];

/**
 * How much an ID number can be trusted after normalisation.
 * - `valid`: 18 characters, check character right (legacy 15-digit numbers upgraded count as valid).
 * - `check_failed`: 18 characters of the right shape whose check character is wrong (a typo somewhere).
 * - `damaged`: passed through a spreadsheet (`4.30104E+17`, or last digits turned into `000`).
 * - `malformed`: not an ID number at all (wrong length, letters, impossible birth date).
 * - `none`: blank, or eighteen zeros.
 */
export type IdQuality = 'valid' | 'check_failed' | 'damaged' | 'malformed' | 'none';

/** Kind of identity document the number belongs to. */
export type IdKind = 'resident' | 'hmt_permit' | 'foreigner';

export interface IdNumber {
  /** Normalised 18-character number (upper-case X), or '' when none could be recovered. */
  value: string;
  quality: IdQuality;
  kind: IdKind;
  /** True when the input was a legacy 15-digit number that was upgraded. */
  legacy15: boolean;
  /** Birth date implied by the number (YYYY-MM-DD), or '' when not derivable. */
  birthDate: string;
  /** Sex implied by the number, or '' when not derivable. */
  sex: Sex | '';
}

/**
 * A usable-but-suspicious observation made while normalising a row.
 * Marks never reject a row; reconcile turns some of them into ATTRIBUTE_CONFLICT findings.
 */
export interface Mark {
  /** Stable SCREAMING_SNAKE code, e.g. ID_CHECK_FAILED, ID_BIRTH_MISMATCH, ID_SEX_MISMATCH, ID_DAMAGED. */
  code: string;
  /** Canonical field the mark is about. */
  field: string;
  /** Short, non-personal context (e.g. the implied vs stated birth year). Never a name or ID number. */
  detail?: string;
}

/** A normalised person name with its comparison keys (computed once per record). */
export interface NameKeys {
  /** Display form: trimmed, whitespace removed, minority-name dots unified to '·'. */
  display: string;
  /** Comparison key: display form, traditional → simplified, '?' and pinyin placeholders kept. */
  key: string;
  /** Surname (first character of key, or two for compound surnames such as 欧阳). */
  surname: string;
  /** Given name (key without surname). */
  given: string;
  /** Toneless pinyin of key, syllables joined by ' ', surname with its surname reading (曾 zeng). */
  pinyin: string;
  /** Pinyin folded for dialect confusions (n/l, z/zh, c/ch, s/sh, in/ing, en/eng, an/ang, f/h …). */
  pinyinFuzzy: string;
}

/**
 * The fields only births, schooling and deaths records have. Census and register records, nine in ten
 * of a run's, have none (`details: null`): as nine empty fields of every record they took 72 of its
 * 264 bytes, 131 MiB of heap at a million persons.
 */
export interface RecordDetails {
  // births (the record describes the child; name may be blank)
  motherName: NameKeys | null;
  motherId: IdNumber | null;
  fatherName: NameKeys | null;
  fatherId: IdNumber | null;

  // schooling
  school: string;
  grade: string;
  guardianName: NameKeys | null;
  guardianId: IdNumber | null;

  // deaths
  deathDate: string;
}

/**
 * One accepted, normalised record of any person-describing source
 * (every kind except utilities). Kind-specific fields are '' when absent.
 */
export interface PersonRecord {
  /** Position in the run's record table (0-based, stable for the same inputs). */
  ix: number;
  source: string;
  kind: SourceKind;
  /** The row's key; outputs refer to the record as `<source>:<record_key>` (lib/record-ref.ts). */
  recordKey: string;
  /** 1-based line of the row in its file (the header is line 1). */
  line: number;

  name: NameKeys;
  id: IdNumber;
  sex: Sex | '';
  /** YYYY-MM-DD or '' */
  birthDate: string;

  /** Address as written (trimmed). */
  address: string;
  /** Canonical dwelling key: the same dwelling written differently gets the same key. */
  dwelling: string;
  /**
   * Area code as a string of digits. enumeration: the small-area code (12-digit village code,
   * optionally followed by the small-area number); register: 12-digit code of the registered address;
   * other kinds: as given, or ''.
   */
  areaCode: string;
  /** Household identifier: enumeration household_id, register household_no; '' otherwise. */
  household: string;
  relationship: string;

  // enumeration
  enumeratorId: string;
  presence: Presence | '';
  hukouPlace: HukouPlace | '';
  hukouAddress: string;

  // register
  status: RegisterStatus | '';
  statusDate: string;

  /** Births, schooling and deaths records: their own fields; null for the other kinds. */
  details: RecordDetails | null;

  marks: Mark[];
}

/**
 * One accepted utilities row: consumption of one account at one dwelling in one month. The holder's
 * name and ID (`holder_name`, `holder_id`) may be mapped but are not read: no finding uses them, and
 * working out a name or number per row was most of what reading a million rows cost.
 */
export interface UtilityRecord {
  ix: number;
  source: string;
  recordKey: string;
  line: number;
  utility: UtilityKind;
  address: string;
  dwelling: string;
  areaCode: string;
  /** YYYY-MM */
  period: string;
  consumption: number;
  marks: Mark[];
}

/**
 * The accepted utilities rows of a run as columns, row i being (source[i], recordKey[i], …), the
 * string columns holding indexes into `strings`. A million persons' county has 1.19 M such rows;
 * as objects on the main thread they held ~235 MB of heap, of which reconcile reads six fields.
 */
export interface UtilityTable {
  readonly length: number;
  readonly strings: readonly string[];
  readonly source: Int32Array;
  readonly recordKey: Int32Array;
  readonly address: Int32Array;
  readonly dwelling: Int32Array;
  readonly areaCode: Int32Array;
  /** YYYY-MM */
  readonly period: Int32Array;
  /** Index into UTILITY_KINDS. */
  readonly utility: Uint8Array;
  readonly consumption: Float64Array;
  /** 1-based line of the row in its file. */
  readonly line: Int32Array;
}

/** A rejected input row: data, not an exception. */
export interface Reject {
  source: string;
  /** 1-based physical line where the row starts in the file (the header is line 1). */
  line: number;
  /** The row's record_key if it could be read, else ''. */
  recordKey: string;
  /** Canonical field at fault, or '' for the whole row. */
  field: string;
  /** Stable SCREAMING_SNAKE reason code, e.g. MISSING_FIELD, BAD_DATE, RAGGED_ROW. */
  code: string;
  /** Plain-language reason, without personal data. */
  reason: string;
}

export interface SourceCounts {
  read: number;
  accepted: number;
  rejected: number;
}

/** Everything ingest + normalise produce for one run. */
export interface IngestResult {
  persons: PersonRecord[];
  utilities: UtilityTable;
  rejects: Reject[];
  counts: Record<string, SourceCounts>;
}

// ---------------------------------------------------------------- linkage

/** How two records came to be linked. */
export type LinkPass = 'id' | 'probabilistic' | 'birth';

/** Agreement level of one comparison for one candidate pair, with its match weight. */
export interface ComparisonOutcome {
  comparison: string;
  level: string;
  /** log2 Bayes factor contributed by this level (term-frequency adjusted where applicable). */
  weight: number;
}

export interface ScoredPair {
  /** Record indices, left < right. */
  l: number;
  r: number;
  /** Sum of weights plus the prior, in log2 units (Splink's match weight). */
  matchWeight: number;
  /** Match probability in [0, 1]. */
  probability: number;
  outcomes: ComparisonOutcome[];
  pass: LinkPass;
}

/**
 * Accepted links as columns, link k being (l[k], r[k]): a million-person run has a million links, and
 * an object for each was read only for their count and each person's lowest probability.
 */
export interface LinkTable {
  /** Record indices, l[k] < r[k]. */
  l: Int32Array;
  r: Int32Array;
  /** Match probability in [0, 1]. */
  probability: Float64Array;
}

/** Records sharing one valid ID number that are clearly different people (一号多人). */
export interface IdCollision {
  id: string;
  /** Record indices, grouped: each inner array is one distinct person. */
  groups: number[][];
}

export interface LinkageStats {
  candidatePairsByRule: Record<string, number>;
  linksByPass: Record<LinkPass, number>;
  reviewPairs: number;
  persons: number;
  /** Histogram of match weights of scored candidate pairs: bucket lower bound → count. */
  weightHistogram: Array<{ from: number; to: number; count: number }>;
  seconds: number;
}

export interface LinkageResult {
  /** record ix → person index (0-based, dense). */
  personOf: Int32Array;
  /** person index → stable person_id (e.g. 'P' + short hash of the person's smallest record ref). */
  personIds: string[];
  /** Accepted pairwise links (the edges that formed the clusters). */
  links: LinkTable;
  /** Pairs in the review band, not linked. */
  review: ScoredPair[];
  collisions: IdCollision[];
  stats: LinkageStats;
  /** The trained model, persisted as `model.json` in the run folder. */
  model: unknown;
}

// ---------------------------------------------------------------- findings

export const FINDING_TYPES = [
  'DUPLICATE',
  'OMISSION',
  'REGISTERED_ABSENT',
  'NOT_AT_REGISTERED_ADDRESS',
  'UNREGISTERED',
  'DECEASED_NOT_CANCELLED',
  'ATTRIBUTE_CONFLICT',
  'ID_COLLISION',
  'VACANT_REGISTERED_DWELLING',
  'OCCUPIED_NOT_ENUMERATED',
  'REVIEW',
] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const FINDING_LABELS_ZH: Record<FindingType, string> = {
  DUPLICATE: '重复登记',
  OMISSION: '疑似漏登',
  REGISTERED_ABSENT: '户在人不在',
  NOT_AT_REGISTERED_ADDRESS: '人户分离',
  UNREGISTERED: '未落户口',
  DECEASED_NOT_CANCELLED: '未销户口',
  ATTRIBUTE_CONFLICT: '信息不一致',
  ID_COLLISION: '一号多人',
  VACANT_REGISTERED_DWELLING: '空挂户',
  OCCUPIED_NOT_ENUMERATED: '疑似漏户',
  REVIEW: '待人工核对',
};

export interface Finding {
  /** Stable: hash of type + sorted record refs. */
  findingId: string;
  type: FindingType;
  /** 1 (act first) to 3. */
  priority: 1 | 2 | 3;
  /** Census small area whose enumerator should act ('' when none can be named). */
  areaCode: string;
  enumeratorId: string;
  address: string;
  /** '' for dwelling-level findings. */
  personId: string;
  /** The person's position in the linkage's personIds (-1 for dwelling-level findings): not written out. */
  personIndex: number;
  /** Sorted source record refs behind the finding. */
  recordRefs: string[];
  /** Match weight or probability where linkage was involved, else null. */
  score: number | null;
  reasonZh: string;
  reasonEn: string;
  /** Optional sub-classification, e.g. NOT_AT_REGISTERED_ADDRESS level, ATTRIBUTE_CONFLICT field. */
  detail: string;
  /** Extra columns for findings.csv (added after the contract's columns). */
  extra: Record<string, string>;
}
