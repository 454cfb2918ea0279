import { FINDING_TYPES, type Finding, type LinkageResult, type PersonRecord, type UtilityRecord } from '../model.js';
import type { FindingsConfig } from '../pipeline/pipeline-schema.js';
import { buildContext } from './build-context.js';
import { RULES } from './rules/index.js';

export interface ReconcileInput {
  persons: PersonRecord[];
  utilities: UtilityRecord[];
  linkage: LinkageResult;
  /** 标准时点, YYYY-MM-DD (00:00 that day). */
  referenceDate: string;
  scopePrefix: string;
  occupancy: FindingsConfig['utility_occupancy'];
  matchThreshold: number;
}

const TYPE_ORDER = new Map<string, number>(FINDING_TYPES.map((t, i) => [t, i]));

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Deterministic output order: type (as in FINDING_TYPES), area code, address, finding id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)! ||
    cmp(a.areaCode, b.areaCode) ||
    cmp(a.address, b.address) ||
    cmp(a.findingId, b.findingId)
  );
}

/** Runs every finding rule over the linked records; pure and synchronous. */
export function reconcile(input: ReconcileInput): Finding[] {
  const ctx = buildContext(input);
  // grouped by type, then each group sorted (stable) by area, address and id: compareFindings without a Map lookup per comparison
  const byType: Finding[][] = FINDING_TYPES.map(() => []);
  // person rules in one pass: each person's context is built once, used by all of them, and dropped
  const personRules = RULES.filter((r) => r.evaluatePerson !== undefined);
  const outs = personRules.map((r) => byType[TYPE_ORDER.get(r.type)!]!);
  for (const p of ctx.persons) for (let i = 0; i < personRules.length; i++) personRules[i]!.evaluatePerson!(ctx, p, outs[i]!);
  for (const rule of RULES) {
    if (rule.evaluatePerson !== undefined) continue;
    for (const f of rule.evaluate(ctx)) byType[TYPE_ORDER.get(f.type)!]!.push(f);
  }
  const findings: Finding[] = [];
  for (const group of byType) {
    group.sort((a, b) => cmp(a.areaCode, b.areaCode) || cmp(a.address, b.address) || cmp(a.findingId, b.findingId));
    for (const f of group) findings.push(f);
  }
  return findings;
}
