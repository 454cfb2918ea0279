import { open } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { TextDecoder } from 'node:util';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import { detectEncoding, type Encoding } from './decode-stream.js';

const HEAD_BYTES = 256 * 1024;

/** Reads only the header row of a source file (and the encoding it is in), for validation before a run. */
export async function readHeaders(source: SourceConfig, path: string): Promise<{ headers: string[]; encoding: Encoding }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const encoding = source.encoding === 'auto' ? detectEncoding(head, bytesRead < HEAD_BYTES) : source.encoding;
    const text = new TextDecoder(encoding === 'utf8' ? 'utf-8' : 'gb18030').decode(head);
    const firstLine = firstRecordText(text);
    const rows = parse(firstLine, { delimiter: source.delimiter, bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to_line: 1 }) as string[][];
    return { headers: (rows[0] ?? []).map((h) => h.normalize('NFKC').trim()), encoding };
  } finally {
    await handle.close();
  }
}

/** The text up to the first line break outside quotes. */
function firstRecordText(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if ((c === '\n' || c === '\r') && !quoted) {
      if (text.slice(0, i).trim() !== '') return text.slice(0, i);
    }
  }
  return text;
}
