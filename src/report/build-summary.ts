import { FINDING_TYPES } from '../model.js';
import type { Finding, FindingType, LinkPass, LinkageResult, PersonRecord, Reject, SourceCounts } from '../model.js';
import type { OutputInput } from './output-input.js';

export const HUKOU_SEPARATION_LEVELS = ['WITHIN_TOWN', 'WITHIN_COUNTY', 'OUTSIDE_COUNTY'] as const;
export type HukouSeparationLevel = (typeof HUKOU_SEPARATION_LEVELS)[number];
/** Levels that count in the official 人户分离 figure (a different township from the hukou). */
export const OFFICIAL_SEPARATION_LEVELS: readonly HukouSeparationLevel[] = ['WITHIN_COUNTY', 'OUTSIDE_COUNTY'];
const LINK_PASSES: readonly LinkPass[] = ['id', 'probabilistic', 'birth'];
/** Reject reason codes listed per source. */
export const TOP_REASONS = 5;
/** Digits of an area code that name the town (乡镇街道). */
export const TOWN_DIGITS = 9;

export interface SourceSummary {
  read: number;
  accepted: number;
  rejected: number;
  /** rejected / read, 6 decimals (0 when nothing was read). */
  rejectRate: number;
}

export interface AreaCounts {
  total: number;
  /** Only the types present in the area, in FINDING_TYPES order. */
  byType: Partial<Record<FindingType, number>>;
}

export interface ReasonCount {
  code: string;
  count: number;
}

/** The run's figures: summary.json, and every number report.html shows. */
export interface Summary {
  pipeline: string;
  referenceDate: string;
  scopePrefix: string;
  /** Per source, in pipeline order. */
  sources: Record<string, SourceSummary>;
  findings: {
    total: number;
    /** Every finding type, zeros included, in FINDING_TYPES order. */
    byType: Record<FindingType, number>;
    byPriority: { '1': number; '2': number; '3': number };
  };
  areas: {
    /** Findings that name no small area. */
    unassigned: number;
    /** Town code (first 9 digits of the area code) → counts, ascending. */
    towns: Record<string, AreaCounts>;
    /** Census small-area code → counts, ascending. */
    smallAreas: Record<string, AreaCounts>;
  };
  /** 人户分离: NOT_AT_REGISTERED_ADDRESS findings by level; official = WITHIN_COUNTY + OUTSIDE_COUNTY. */
  hukouSeparation: {
    official: number;
    byLevel: Record<HukouSeparationLevel, number>;
  };
  /** Active in-scope register entries whose person has an enumeration record. */
  registerCoverage: {
    activeInScope: number;
    enumerated: number;
    /** enumerated / activeInScope, 4 decimals (0 when there are none). */
    share: number;
  };
  linkage: {
    records: number;
    persons: number;
    links: number;
    linksByPass: Record<LinkPass, number>;
    reviewPairs: number;
    idCollisions: number;
    candidatePairsByRule: Record<string, number>;
    /** Match-weight buckets; null bounds are open ends (−∞ / +∞). */
    weightHistogram: Array<{ from: number | null; to: number | null; count: number }>;
  };
  rejects: {
    total: number;
    bySource: Record<string, { total: number; topReasons: ReasonCount[] }>;
    /** Every reason code over all sources, most frequent first. */
    byCode: ReasonCount[];
  };
  /** stage → seconds. The only part that varies between runs on the same input. */
  timings: Record<string, number>;
}

/** Rounds to `digits` decimals, without producing -0. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const v = Math.round(x * f) / f;
  return v === 0 ? 0 : v;
}

/** Finite numbers rounded; infinite bounds as null (JSON has no Infinity). */
function bound(x: number): number | null {
  return Number.isFinite(x) ? round(x, 4) : null;
}

function sortedKeys<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key]!;
  return out;
}

function sourceSummaries(counts: Record<string, SourceCounts>): Record<string, SourceSummary> {
  const out: Record<string, SourceSummary> = {};
  for (const [name, c] of Object.entries(counts)) {
    out[name] = {
      read: c.read,
      accepted: c.accepted,
      rejected: c.rejected,
      rejectRate: c.read > 0 ? round(c.rejected / c.read, 6) : 0,
    };
  }
  return out;
}

function findingCounts(findings: readonly Finding[]): Summary['findings'] {
  const byType = Object.fromEntries(FINDING_TYPES.map((t) => [t, 0])) as Record<FindingType, number>;
  const byPriority = { '1': 0, '2': 0, '3': 0 };
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    byType[f.type]++;
    byPriority[String(f.priority) as '1' | '2' | '3']++;
  }
  return { total: findings.length, byType, byPriority };
}

function areaCounts(findings: readonly Finding[]): Summary['areas'] {
  const small = new Map<string, Map<FindingType, number>>();
  const towns = new Map<string, Map<FindingType, number>>();
  let unassigned = 0;
  const bump = (m: Map<string, Map<FindingType, number>>, key: string, type: FindingType) => {
    let byType = m.get(key);
    if (!byType) m.set(key, (byType = new Map()));
    byType.set(type, (byType.get(type) ?? 0) + 1);
  };
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (!f.areaCode) {
      unassigned++;
      continue;
    }
    bump(small, f.areaCode, f.type);
    bump(towns, f.areaCode.slice(0, TOWN_DIGITS), f.type);
  }
  const toRecord = (m: Map<string, Map<FindingType, number>>): Record<string, AreaCounts> => {
    const out: Record<string, AreaCounts> = {};
    for (const key of [...m.keys()].sort()) {
      const counts = m.get(key)!;
      const byType: Partial<Record<FindingType, number>> = {};
      let total = 0;
      for (const t of FINDING_TYPES) {
        const n = counts.get(t);
        if (n) {
          byType[t] = n;
          total += n;
        }
      }
      out[key] = { total, byType };
    }
    return out;
  };
  return { unassigned, towns: toRecord(towns), smallAreas: toRecord(small) };
}

function hukouSeparation(findings: readonly Finding[]): Summary['hukouSeparation'] {
  const byLevel = Object.fromEntries(HUKOU_SEPARATION_LEVELS.map((l) => [l, 0])) as Record<HukouSeparationLevel, number>;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.type === 'NOT_AT_REGISTERED_ADDRESS' && f.detail in byLevel) byLevel[f.detail as HukouSeparationLevel]++;
  }
  const official = OFFICIAL_SEPARATION_LEVELS.reduce((a, l) => a + byLevel[l], 0);
  return { official, byLevel };
}

function registerCoverage(persons: readonly PersonRecord[], linkage: LinkageResult, scopePrefix: string): Summary['registerCoverage'] {
  const enumerated = new Uint8Array(linkage.personIds.length);
  // indexed loops: see personRows (write-outputs.ts)
  for (let i = 0; i < persons.length; i++) if (persons[i]!.kind === 'enumeration') enumerated[linkage.personOf[persons[i]!.ix]!] = 1;
  let activeInScope = 0;
  let covered = 0;
  for (let i = 0; i < persons.length; i++) {
    const p = persons[i]!;
    if (p.kind !== 'register' || p.status !== 'active' || !p.areaCode.startsWith(scopePrefix)) continue;
    activeInScope++;
    covered += enumerated[linkage.personOf[p.ix]!]!;
  }
  return { activeInScope, enumerated: covered, share: activeInScope > 0 ? round(covered / activeInScope, 4) : 0 };
}

function linkageSummary(persons: readonly PersonRecord[], linkage: LinkageResult): Summary['linkage'] {
  const { stats } = linkage;
  const linksByPass = Object.fromEntries(LINK_PASSES.map((p) => [p, stats.linksByPass[p] ?? 0])) as Record<LinkPass, number>;
  return {
    records: persons.length,
    persons: stats.persons,
    links: linkage.links.l.length,
    linksByPass,
    reviewPairs: stats.reviewPairs,
    idCollisions: linkage.collisions.length,
    candidatePairsByRule: { ...stats.candidatePairsByRule },
    weightHistogram: stats.weightHistogram.map((b) => ({ from: bound(b.from), to: bound(b.to), count: b.count })),
  };
}

function byCount(counts: Map<string, number>): ReasonCount[] {
  return [...counts]
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

function rejectSummary(rejects: readonly Reject[], counts: Record<string, SourceCounts>): Summary['rejects'] {
  const perSource = new Map<string, Map<string, number>>();
  for (const name of Object.keys(counts)) perSource.set(name, new Map());
  const all = new Map<string, number>();
  for (const r of rejects) {
    let m = perSource.get(r.source);
    if (!m) perSource.set(r.source, (m = new Map()));
    m.set(r.code, (m.get(r.code) ?? 0) + 1);
    all.set(r.code, (all.get(r.code) ?? 0) + 1);
  }
  const bySource: Summary['rejects']['bySource'] = {};
  for (const [name, m] of perSource) {
    let total = 0;
    for (const n of m.values()) total += n;
    bySource[name] = { total, topReasons: byCount(m).slice(0, TOP_REASONS) };
  }
  return { total: rejects.length, bySource, byCode: byCount(all) };
}

/** Computes the run's summary; pure, and byte-stable for the same input except `timings`. */
export function buildSummary(input: OutputInput): Summary {
  const timings: Record<string, number> = {};
  for (const [stage, s] of Object.entries(sortedKeys(input.timings))) timings[stage] = round(s, 3);
  return {
    pipeline: input.pipelineName,
    referenceDate: input.referenceDate,
    scopePrefix: input.scopePrefix,
    sources: sourceSummaries(input.counts),
    findings: findingCounts(input.findings),
    areas: areaCounts(input.findings),
    hukouSeparation: hukouSeparation(input.findings),
    registerCoverage: registerCoverage(input.persons, input.linkage, input.scopePrefix),
    linkage: linkageSummary(input.persons, input.linkage),
    rejects: rejectSummary(input.rejects, input.counts),
    timings,
  };
}
