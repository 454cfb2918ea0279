import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 of some bytes, as hex (input files are hashed while ingest reads them, or by sha256OfFile). */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes read at a time by sha256OfFile: the file is read once more, from the page cache as a rule. */
const FILE_CHUNK_BYTES = 1 << 20;

/**
 * SHA-256 of a file, as hex, and the bytes hashed: for a file another thread reads (an ingest worker
 * hashes the main thread's sources, read-sources.ts).
 */
export async function sha256OfFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: FILE_CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { sha256: hash.digest('hex'), bytes };
}
