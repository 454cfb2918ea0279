import { TextDecoder } from 'node:util';

/** Text encodings the ingest layer reads. */
export type Encoding = 'utf8' | 'gb18030';

const SNIFF_BYTES = 64 * 1024;

/**
 * Guesses the encoding of a file from its first bytes: a UTF-8 BOM or bytes that decode as strict
 * UTF-8 mean UTF-8; anything else is taken as GB18030 (the superset of GBK/GB2312 older systems export).
 */
export function detectEncoding(head: Uint8Array, atEnd: boolean): Encoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  // A sniff window may end inside a multi-byte character: drop up to 3 trailing bytes unless at EOF.
  let end = head.length;
  if (!atEnd) {
    let back = 0;
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++;
    if (end - back - 1 >= 0 && head[end - back - 1]! >= 0xc0) end = end - back - 1;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf8';
  } catch {
    return 'gb18030';
  }
}

/**
 * Decodes a byte stream to text chunks. With 'auto' it sniffs the first 64 KiB.
 * A UTF-8 BOM is dropped. Reports the encoding it settled on through `onEncoding`.
 */
export async function* decodeStream(
  input: AsyncIterable<Uint8Array>,
  encoding: Encoding | 'auto',
  onEncoding?: (encoding: Encoding) => void,
): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;

  const start = (enc: Encoding): TextDecoder => {
    onEncoding?.(enc);
    // TextDecoder strips a leading BOM for utf-8 by default (ignoreBOM: false).
    return new TextDecoder(enc === 'utf8' ? 'utf-8' : 'gb18030');
  };

  for await (const chunk of input) {
    if (decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      continue;
    }
    if (encoding !== 'auto') {
      decoder = start(encoding);
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
      continue;
    }
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes >= SNIFF_BYTES) {
      const head = Buffer.concat(pending);
      decoder = start(detectEncoding(head, false));
      const text = decoder.decode(head, { stream: true });
      if (text) yield text;
    }
  }
  if (!decoder) {
    const head = Buffer.concat(pending);
    decoder = start(encoding === 'auto' ? detectEncoding(head, true) : encoding);
    const text = decoder.decode(head, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}
