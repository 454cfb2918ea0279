import type { Finding, FindingType } from '../../model.js';
import type { PersonContext, ReconcileContext } from '../build-context.js';

/** One finding rule: its code, what it looks for, and a pure evaluation over the context. */
export interface FindingRule {
  type: FindingType;
  description: string;
  evaluate(ctx: ReconcileContext): Finding[];
  /**
   * Rules about one person at a time: that person's findings, appended to `out`. reconcile runs every
   * such rule in one pass over the persons, so each person's context is built once and dropped.
   */
  evaluatePerson?(ctx: ReconcileContext, p: PersonContext, out: Finding[]): void;
}

/** A rule over persons: `evaluate` is its per-person evaluation over every person in order. */
export function personRule(rule: {
  type: FindingType;
  description: string;
  evaluatePerson(ctx: ReconcileContext, p: PersonContext, out: Finding[]): void;
}): FindingRule {
  return {
    ...rule,
    evaluate(ctx) {
      const out: Finding[] = [];
      for (let pi = 0; pi < ctx.personCount; pi++) rule.evaluatePerson(ctx, ctx.personAt(pi), out);
      return out;
    },
  };
}
