import { hash } from 'node:crypto';

/** Stable person_id: 'P' + first 12 hex digits of SHA-1 of the person's smallest record ref. */
export function personId(smallestRef: string): string {
  // one-shot hash: no Hash object per person (a million persons a run)
  return `P${hash('sha1', smallestRef, 'hex').slice(0, 12)}`;
}
