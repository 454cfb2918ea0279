import { compareText } from '../lib/compare-text.js';
import { FINDING_TYPES, type Finding } from '../model.js';
import { buildContext, type ContextInput } from './build-context.js';
import { RULES } from './rules/index.js';

/** What reconcile reads: the records, the linkage and the pipeline's time, scope and occupancy settings. */
export type ReconcileInput = ContextInput;

const TYPE_ORDER = new Map<string, number>(FINDING_TYPES.map((t, i) => [t, i]));

/** Deterministic output order: type (as in FINDING_TYPES), area code, address, finding id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)! ||
    compareText(a.areaCode, b.areaCode) ||
    compareText(a.address, b.address) ||
    compareText(a.findingId, b.findingId)
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
  // by index (personAt): an iterator over the persons cost a million iterator results at a million persons
  for (let pi = 0; pi < ctx.personCount; pi++) {
    const p = ctx.personAt(pi);
    for (let i = 0; i < personRules.length; i++) personRules[i]!.evaluatePerson!(ctx, p, outs[i]!);
  }
  for (const rule of RULES) {
    if (rule.evaluatePerson !== undefined) continue;
    for (const f of rule.evaluate(ctx)) byType[TYPE_ORDER.get(f.type)!]!.push(f);
  }
  const findings: Finding[] = [];
  for (const group of byType) {
    group.sort(
      (a, b) => compareText(a.areaCode, b.areaCode) || compareText(a.address, b.address) || compareText(a.findingId, b.findingId),
    );
    for (const f of group) findings.push(f);
  }
  return findings;
}
