import type { Finding, FindingType } from '../../model.js';
import type { ReconcileContext } from '../build-context.js';

/** One finding rule: its code, what it looks for, and a pure evaluation over the context. */
export interface FindingRule {
  type: FindingType;
  description: string;
  evaluate(ctx: ReconcileContext): Finding[];
}
