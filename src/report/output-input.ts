import type { Finding, LinkageResult, PersonRecord, Reject, SourceCounts, UtilityTable } from '../model.js';

/** Everything the report stage needs from one run. */
export interface OutputInput {
  pipelineName: string;
  /** YYYY-MM-DD */
  referenceDate: string;
  /** Area-code prefix of the job's scope (county or prefecture). */
  scopePrefix: string;
  /** Mask ID numbers in revisit lists. */
  maskIdNumbers: boolean;
  persons: PersonRecord[];
  utilities: UtilityTable;
  rejects: Reject[];
  counts: Record<string, SourceCounts>;
  linkage: LinkageResult;
  findings: Finding[];
  /** stage → seconds */
  timings: Record<string, number>;
  /** Write the revisit lists on a worker thread (FileWriter) rather than this one; default true. */
  threaded?: boolean;
}
