import { closeSync, openSync, writeSync } from 'node:fs';
import iconv from 'iconv-lite';
import { csvField } from '../lib/write-csv.js';

export interface CsvSinkOptions {
  bom: boolean;
  crlf: boolean;
  encoding: 'utf8' | 'gb18030';
}

/**
 * Buffered synchronous CSV writer: rows are encoded at once into a 1 MB buffer that is flushed when full
 * (bounded memory, and no strings kept alive across garbage collections); the physical line where each row
 * starts is tracked for the truth files.
 */
export class CsvSink {
  private readonly fd: number;
  private readonly eol: string;
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  /** GB18030 text waiting to be encoded (encoded in 64 KB pieces). */
  private pending = '';
  /** Physical line the next row starts on (the header is line 1). */
  line = 1;
  rows = 0;

  constructor(
    path: string,
    header: readonly string[],
    private readonly options: CsvSinkOptions,
  ) {
    this.fd = openSync(path, 'w');
    this.eol = options.crlf ? '\r\n' : '\n';
    if (options.bom && options.encoding === 'utf8') this.push('\ufeff');
    this.writeRow(header);
    this.rows = 0;
  }

  /** Writes one row; returns the physical line it starts on. */
  writeRow(cells: readonly string[]): number {
    let text = '';
    let breaks = 0;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      const field = csvField(cell);
      if (i > 0) text += ',';
      text += field;
      if (field !== cell) for (const ch of cell) if (ch === '\n') breaks++;
    }
    return this.writeLine(text, breaks);
  }

  /** Writes pre-rendered row text (for deliberately broken rows); `breaks` = embedded line breaks. */
  writeLine(text: string, breaks = 0): number {
    const start = this.line;
    this.push(text + this.eol);
    this.line += 1 + breaks;
    this.rows++;
    return start;
  }

  private push(text: string): void {
    if (this.options.encoding === 'gb18030') {
      this.pending += text;
      if (this.pending.length > 1 << 16) this.encodePending();
      return;
    }
    // A UTF-16 unit becomes at most 3 UTF-8 bytes.
    if (this.used + text.length * 3 > this.buf.length) this.flushBuffer();
    if (text.length * 3 > this.buf.length) {
      writeSync(this.fd, Buffer.from(text, 'utf8'));
      return;
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  private encodePending(): void {
    if (this.pending.length === 0) return;
    const bytes = iconv.encode(this.pending, 'gb18030');
    this.pending = '';
    if (this.used + bytes.length > this.buf.length) this.flushBuffer();
    if (bytes.length > this.buf.length) writeSync(this.fd, bytes);
    else this.used += bytes.copy(this.buf, this.used);
  }

  private flushBuffer(): void {
    if (this.used > 0) writeSync(this.fd, this.buf, 0, this.used);
    this.used = 0;
  }

  close(): void {
    this.encodePending();
    this.flushBuffer();
    closeSync(this.fd);
  }
}
