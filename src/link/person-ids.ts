import { createHash } from 'node:crypto';

/** Stable person_id: 'P' + first 12 hex digits of SHA-1 of the person's smallest record ref. */
export function personId(smallestRef: string): string {
  return `P${createHash('sha1').update(smallestRef).digest('hex').slice(0, 12)}`;
}
