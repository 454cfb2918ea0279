import { open, type FileHandle } from 'node:fs/promises';
import { type FileWriter, ON_THIS_THREAD } from './file-writer.js';

const BOM = '\ufeff';
const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;
/**
 * Strings longer than this are checked with NEEDS_QUOTES and encoded by `Buffer.write`, shorter ones
 * in JavaScript: a call of `Buffer.write` costs more than encoding a short string here, and less than
 * encoding a long one of Chinese text.
 */
const NATIVE_FROM = 24;

/** One CSV field: quoted only when it holds a comma, quote or line break (csv-stringify's default dialect). */
export function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
}

/** Bytes a writer starts with (most revisit lists fit), and the buffer it takes once that is full. */
const FIRST_CHUNK_BYTES = 64 * 1024;
const CHUNK_BYTES = 1 << 20;

/**
 * CSV rows encoded field by field into a buffer of bytes: each field is quoted as `csvField` would and
 * UTF-8 encoded straight into the buffer. No string is built per field or line. Building each line as a
 * string (csvField, joined, then `Buffer.write`) allocated ~1.9 GB in a 1M run's write stage for 210 MB
 * of CSV (V8's sampling heap profiler); that run's persons.csv took 0.82–1.11 s that way and 0.38–0.39 s
 * this way, though the stage as a whole was no faster beyond the machine's noise (README).
 *
 * Lone surrogates are written as U+FFFD, as `Buffer.write` writes them.
 */
export class CsvBuffer {
  protected buf: Buffer = Buffer.allocUnsafe(FIRST_CHUNK_BYTES);
  protected pos = 0;
  /** No field written yet on the current row. */
  private rowStart = true;

  /** Starts over with the BOM and the header row (the buffer is kept). */
  begin(header: readonly string[]): void {
    this.pos = 0;
    this.rowStart = true;
    this.text(BOM, true);
    this.row(header);
  }

  /** The bytes written since `begin`: a view of the buffer, valid until the next write. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** One field of the current row (one `text` call, where `fieldOf` makes three). */
  field(value: string | number): void {
    const s = typeof value === 'number' ? String(value) : value;
    this.separate();
    const start = this.pos;
    if (this.text(s, true)) return;
    // a comma, quote or line break: start over, quoted, quotes doubled
    this.pos = start;
    this.quoted(s);
  }

  /**
   * One field made of `a`, `sep` and `b` (a record ref, `source:key`), without building the string:
   * quoted when any part needs it.
   */
  fieldOf(a: string, sep: string, b: string): void {
    this.separate();
    const start = this.pos;
    if (this.text(a, true) && this.text(sep, true) && this.text(b, true)) return;
    // a comma, quote or line break: start over, quoted, quotes doubled
    this.pos = start;
    this.quoted(a, sep, b);
  }

  /** The field made of the parts, in quotes, quotes doubled. */
  private quoted(a: string, sep = '', b = ''): void {
    this.reserve(1);
    this.buf[this.pos++] = 0x22;
    this.text(a, false);
    this.text(sep, false);
    this.text(b, false);
    this.reserve(1);
    this.buf[this.pos++] = 0x22;
  }

  /** Ends the current row. */
  endRow(): void {
    this.reserve(1);
    this.buf[this.pos++] = 0x0a;
    this.rowStart = true;
  }

  /** A whole row. */
  row(cells: ReadonlyArray<string | number>): void {
    for (let i = 0; i < cells.length; i++) this.field(cells[i]!);
    this.endRow();
  }

  private separate(): void {
    if (this.rowStart) this.rowStart = false;
    else {
      this.reserve(1);
      this.buf[this.pos++] = 0x2c;
    }
  }

  private reserve(bytes: number): void {
    if (this.pos + bytes <= this.buf.length) return;
    // a row longer than the buffer: grow it (rows are written out only between rows)
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + bytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /**
   * UTF-8 encodes `s` at the end of the buffer. Unquoted (`bare`), it stops and returns false at the
   * first character that makes a field need quotes (what it wrote of `s` is then to be discarded);
   * quoted, it doubles quotes.
   */
  private text(s: string, bare: boolean): boolean {
    const n = s.length;
    if (n > NATIVE_FROM) {
      if (NEEDS_QUOTES.test(s)) {
        if (bare) return false;
        s = s.replace(QUOTES, '""');
      }
      this.reserve(s.length * 3);
      this.pos += this.buf.write(s, this.pos);
      return true;
    }
    // a UTF-16 code unit never takes more than 3 bytes in UTF-8 (a doubled quote 2)
    this.reserve(n * 3);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c === 0x2c || c === 0x22 || c === 0x0a || c === 0x0d) {
          if (bare) {
            this.pos = p;
            return false;
          }
          if (c === 0x22) buf[p++] = 0x22;
        }
        buf[p++] = c;
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c >= 0xe000) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = c < 0xdc00 && i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d < 0xe000) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[p++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // a lone surrogate
          buf[p++] = 0xef;
          buf[p++] = 0xbf;
          buf[p++] = 0xbd;
        }
      }
    }
    this.pos = p;
    return true;
  }
}

/**
 * A CSV file written through a CsvBuffer, whose bytes go to the file once a row ends past its high-water
 * mark (`full`, then `drain`).
 */
export class CsvWriter extends CsvBuffer {
  private constructor(private readonly file: FileHandle) {
    super();
  }

  /** Opens `path` for writing and writes the BOM and header row. */
  static async open(path: string, header: readonly string[]): Promise<CsvWriter> {
    const writer = new CsvWriter(await open(path, 'w'));
    writer.begin(header);
    return writer;
  }

  /** True once the buffer is past its high-water mark: `await drain()` before the next row. */
  get full(): boolean {
    return this.pos >= this.buf.length >>> 1;
  }

  /** Writes the buffered bytes to the file, to go on with a buffer of CHUNK_BYTES. */
  async drain(): Promise<void> {
    await this.writeOut();
    if (this.buf.length < CHUNK_BYTES) this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    try {
      await this.writeOut();
    } finally {
      await this.file.close();
    }
  }

  private async writeOut(): Promise<void> {
    const length = this.pos;
    this.pos = 0;
    for (let at = 0; at < length; ) at += (await this.file.write(this.buf, at, length - at)).bytesWritten;
  }

  /** Closes the file without writing what is buffered (after an error). */
  async abandon(): Promise<void> {
    await this.file.close();
  }
}

/** The buffer `writeSmallCsv` encodes in, kept from one file to the next. */
const small = new CsvBuffer();

/**
 * Writes a small CSV (a revisit list) in one synchronous call, encoded in a buffer kept for the next
 * file. The 3,480 revisit lists of a million persons, their rows built on the way (0.72–0.83 s of it),
 * took 1.41–1.43 s this way against 1.62–1.91 s through a CsvWriter each, 16 at a time (two runs each):
 * each of those files cost an open, writes and a close through the thread pool, and a fresh 64 KiB buffer.
 * Given a FileWriter with a worker, the encoded bytes are written there (README: "Revisit lists written on a worker").
 */
export function writeSmallCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<ReadonlyArray<string | number>>,
  /** Writes the file (see FileWriter: on a worker, or at once on this thread); the bytes are copied. */
  files: FileWriter = ON_THIS_THREAD,
): void {
  small.begin(header);
  for (const row of rows) small.row(row);
  files.write(path, small.bytes());
}

/**
 * Streams rows to a UTF-8 CSV with a BOM and one header row (the contract's CSV dialect).
 * Hand-written rather than csv-stringify on this path: 3 million persons.csv rows took 9–12 s through
 * csv-stringify and 1.4 s as lines of text (the tests hold it to csv-stringify's output); see CsvWriter
 * for why fields now go straight into bytes. Writers of different files interleave at each write.
 */
export async function writeCsv(path: string, header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): Promise<void> {
  await writeCsvWith(path, header, function* (out) {
    for (const row of rows) {
      out.row(row);
      if (out.full) yield;
    }
  });
}

/**
 * Writes a CSV whose rows `write` puts into the writer itself, yielding between rows once the writer
 * is `full` so that the buffer can go to the file. The file is closed whatever happens.
 */
export async function writeCsvWith(path: string, header: readonly string[], write: (out: CsvWriter) => Iterable<void>): Promise<void> {
  const out = await CsvWriter.open(path, header);
  try {
    for (const _ of write(out)) if (out.full) await out.drain();
  } catch (err) {
    await out.abandon();
    throw err;
  }
  await out.close();
}
