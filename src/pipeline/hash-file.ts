import { createHash } from 'node:crypto';

/** SHA-256 of some bytes, as hex (input files are hashed while ingest reads them). */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
