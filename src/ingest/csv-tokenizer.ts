/** A quoted record longer than this (characters) is taken as an unclosed quote. */
const MAX_RECORD_CHARS = 1 << 20;

/** One CSV record with the physical line it starts on (1-based). */
export interface CsvRecord {
  cells: string[];
  line: number;
  /** Set when the record could not be read as CSV (an unclosed quote); `cells` then holds what was read. */
  error?: 'UNCLOSED_QUOTE';
}

/**
 * A push-based CSV tokenizer for the ingest hot path (RFC 4180: quoted fields, "" escapes,
 * embedded newlines, CRLF or LF). Blank lines are skipped but counted, so line numbers are exact.
 * A quote inside an unquoted field is kept as a literal, like csv-parse's relax_quotes.
 *
 * Why not csv-parse here: on this machine csv-parse reads ~95,000 rows/s with line info
 * (~155,000 without), this reads well over 1,000,000 rows/s on the same 144 MB file
 * (scripts/bench-csv.js keeps the measurement); csv-parse remains the reference the tests
 * compare this tokenizer with, and reads headers during validation.
 */
export class CsvTokenizer {
  private buf = '';
  private pos = 0;
  private line = 1;
  private readonly delim: string;

  constructor(
    delimiter: string,
    private readonly emit: (record: CsvRecord) => void,
  ) {
    this.delim = delimiter;
  }

  /** Feeds the next piece of decoded text. */
  push(text: string): void {
    if (this.pos < this.buf.length) {
      const rest = this.buf.slice(this.pos);
      const nl = text.indexOf('\n');
      // The common case: what is left is the start of a line without quotes, which the new text ends
      // without quotes. That line is read on its own, then the new text from after it, so the text is
      // not copied into a joined string (flattened on its first search: ~0.26 GB at a million persons).
      if (nl >= 0 && rest.indexOf('"') < 0 && text.lastIndexOf('"', nl) < 0) {
        this.buf = rest + text.slice(0, nl + 1);
        this.pos = 0;
        // one line ending in a line break, without quotes: drain always reads it whole
        this.drain(false);
        this.buf = text;
        this.pos = nl + 1;
        this.drain(false);
        return;
      }
      this.buf = rest + text;
    } else this.buf = text;
    this.pos = 0;
    this.drain(false);
  }

  /** Flushes the last record (a file need not end with a newline). */
  end(): void {
    this.drain(true);
    this.buf = '';
    this.pos = 0;
  }

  private drain(atEnd: boolean): void {
    const buf = this.buf;
    const delim = this.delim;
    const len = buf.length;
    let p = this.pos;
    // Next quote at or after p (-1: none in the buffer); searched again only once passed,
    // so a file without quotes is not rescanned to the end for every row.
    let quote = buf.indexOf('"', p);
    while (p < len) {
      const c = buf.charCodeAt(p);
      if (c === 10 /* \n */) {
        this.line++;
        p++;
        continue;
      }
      if (c === 13 /* \r */) {
        if (p + 1 < len) {
          p += buf.charCodeAt(p + 1) === 10 ? 2 : 1;
          this.line++;
          continue;
        }
        if (!atEnd) break;
        p++;
        this.line++;
        continue;
      }
      const nl = buf.indexOf('\n', p);
      if (nl < 0 && !atEnd) break;
      const lineEnd = nl < 0 ? len : nl;
      if (quote >= 0 && quote < p) quote = buf.indexOf('"', p);
      if (quote < 0 || quote >= lineEnd) {
        // Fast path: a record on one line with no quotes.
        const end = lineEnd > p && buf.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
        this.emit({ cells: buf.slice(p, end).split(delim), line: this.line });
        this.line++;
        p = nl < 0 ? len : nl + 1;
        continue;
      }
      const next = this.quoted(buf, p, atEnd);
      if (next < 0) break; // needs more text
      p = next;
    }
    this.pos = p;
  }

  /** Reads one record that contains quotes, starting at p; returns the position after it, or -1 to wait for more text. */
  private quoted(buf: string, start: number, atEnd: boolean): number {
    const cells: string[] = [];
    const delim = this.delim.charCodeAt(0);
    const len = buf.length;
    let p = start;
    let field = '';
    for (;;) {
      // At the start of a field.
      if (p < len && buf.charCodeAt(p) === 34 /* " */) {
        p++;
        let closed = false;
        while (p < len) {
          const q = buf.indexOf('"', p);
          if (q < 0) break;
          field += buf.slice(p, q);
          if (q + 1 < len && buf.charCodeAt(q + 1) === 34) {
            field += '"';
            p = q + 2;
            continue;
          }
          if (q + 1 >= len && !atEnd) {
            p = len; // cannot tell "" from a closing quote yet
            break;
          }
          p = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          // No real field runs this long: give up on it now rather than buffer the rest of the file.
          if (!atEnd && len - start < MAX_RECORD_CHARS) return -1;
          return this.unclosed(buf, start, atEnd);
        }
        // Text after a closing quote up to the delimiter is kept (lenient, like relax_quotes).
        while (p < len) {
          const c = buf.charCodeAt(p);
          if (c === delim || c === 10 || c === 13) break;
          field += buf[p];
          p++;
        }
      } else {
        // Unquoted field: jump to the nearest delimiter or line break.
        let e = buf.indexOf(this.delim, p);
        if (e < 0) e = len;
        const n = buf.indexOf('\n', p);
        if (n >= 0 && n < e) e = n > p && buf.charCodeAt(n - 1) === 13 ? n - 1 : n;
        else if (n < 0) {
          const r = buf.indexOf('\r', p);
          if (r >= 0 && r < e) e = r;
        }
        field += buf.slice(p, e);
        p = e;
      }
      if (p >= len) {
        if (!atEnd) return -1;
        cells.push(field);
        this.emitQuoted(cells);
        return len;
      }
      const c = buf.charCodeAt(p);
      if (c === delim) {
        cells.push(field);
        field = '';
        p++;
        continue;
      }
      // End of record.
      if (c === 13 && p + 1 >= len && !atEnd) return -1;
      cells.push(field);
      p += c === 13 && buf.charCodeAt(p + 1) === 10 ? 2 : 1;
      this.emitQuoted(cells);
      this.line++;
      return p;
    }
  }

  private emitQuoted(cells: string[]): void {
    this.emit({ cells, line: this.line });
    this.line += countInnerNewlines(cells);
  }

  /**
   * An opening quote that never closes before the end of the file: report the record's first line
   * as unreadable and go on from the next line, so one stray quote cannot swallow the rest of a file.
   */
  private unclosed(buf: string, start: number, atEnd: boolean): number {
    const nl = buf.indexOf('\n', start);
    const lineEnd = nl < 0 ? buf.length : nl;
    const end = lineEnd > start && buf.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    this.emit({ cells: buf.slice(start, end).split(this.delim), line: this.line, error: 'UNCLOSED_QUOTE' });
    this.line++;
    if (nl < 0) return buf.length;
    if (!atEnd) return nl + 1;
    // Re-scan the rest without the stray quote's influence.
    this.buf = buf.slice(nl + 1);
    this.pos = 0;
    this.drain(true);
    this.buf = buf;
    return buf.length;
  }
}

/** Newlines kept inside quoted fields (a CRLF counts once). */
function countInnerNewlines(cells: string[]): number {
  let n = 0;
  for (const cell of cells) {
    for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n++;
    for (let i = cell.indexOf('\r'); i >= 0; i = cell.indexOf('\r', i + 1)) if (cell.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}
