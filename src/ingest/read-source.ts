import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ArrayBuilder } from '../lib/array-builder.js';
import { StringMap } from '../lib/string-map.js';
import type { PersonRecord, Reject, SourceCounts, UtilityRecord } from '../model.js';
import { cacheSizes, reserveCaches } from '../normalise/intern.js';
import { normaliseRow, type NormaliseRowResult } from '../normalise/normalise-row.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.js';
import { decodeStream, type Encoding } from './decode-stream.js';
import { mapHeaders, rowBuilder, type HeaderMap } from './map-headers.js';

export interface ReadSourceOptions {
  /** Index given to the first accepted record (the runner renumbers afterwards anyway). */
  firstIx?: number;
  /** Called every `progressEvery` rows with the rows and bytes read so far. */
  onProgress?: (rowsRead: number, bytesRead: number) => void;
  progressEvery?: number;
  /** Only normalise rows whose record_key is in this set (used by `explain`); others are skipped, not rejected. */
  onlyKeys?: ReadonlySet<string>;
  /** Receives each accepted record as it is read, instead of the result's arrays (which stay empty). */
  sink?: RecordSink;
  /** Size of the whole input in bytes, when known: the rows it holds are estimated from the first ones, to size tables once. */
  totalBytes?: number;
  /**
   * Hash the bytes on the way through (default true). False when another thread hashes the file
   * (read-sources.ts): `sha256` is then ''.
   */
  hash?: boolean;
}

/** Where accepted records go when they are not collected (a worker encodes them as they come). */
export interface RecordSink {
  addPerson(record: PersonRecord): void;
  addUtility(record: UtilityRecord): void;
  /** Told once the file's rows are estimated (see ESTIMATE_AFTER_ROWS), to make room for them. */
  reserve?(rows: number, utilities: boolean): void;
}

export interface SourceReadResult {
  persons: PersonRecord[];
  utilities: UtilityRecord[];
  rejects: Reject[];
  counts: SourceCounts;
  encoding: Encoding;
  /** SHA-256 of the bytes read, for the manifest (hashed on the way through unless `hash` was false; then ''). */
  sha256: string;
  /** Bytes read from the input. */
  bytes: number;
  headers: string[];
  /** Seconds spent inside normaliseRow, estimated from one row in NORMALISE_SAMPLE (the rest of the read is decoding and tokenizing). */
  normaliseSeconds: number;
}

/**
 * Bytes read at a time: small enough that a chunk's text stays within V8's 128 KiB limit for ordinary
 * heap objects (the generated 1M county's chunks decode to 10–103 KiB; only a chunk of almost all ASCII
 * with one character beyond Latin-1 would reach the limit). 1 MiB chunks decoded to strings of ~1 MiB,
 * each placed on fresh pages of its own, and on this project's VM every fresh 4 KiB page costs ~12 µs
 * to fault in. Decoding and tokenizing the 300k census took 0.86 s in 1 MiB chunks (46,000 page faults)
 * and 0.36 s in 64 KiB chunks (5,600); reading the census, register and utility sources of the 1M
 * county took 35.9–37.7 s against 41.4–43.7 s.
 */
const CHUNK_BYTES = 64 * 1024;

/** Rows per timed row when measuring normalising time (the stage split of the timings). */
const NORMALISE_SAMPLE = 8;

/**
 * Rows read before the file's rows are estimated (its size × rows read / bytes read). The estimate sizes
 * the record-key set, the normalise caches (reserveCaches: each by what these rows added to it) and the
 * worker's columns, which would otherwise double their way up, re-inserting or copying everything each
 * time: in a profile of a million persons' run those doublings took 1.1 s of the ~1.6 s all tables
 * spent growing.
 */
const ESTIMATE_AFTER_ROWS = 20_000;

/** Streams one source file through the CSV tokenizer and the row normaliser; never throws for bad rows. */
export async function readSource(source: SourceConfig, path: string, options: ReadSourceOptions = {}): Promise<SourceReadResult> {
  // Sized before the stream is made: a missing file then throws here, to the caller, and leaves no
  // stream behind to fail its open later with nobody listening (an uncaught error, in a worker the
  // raw error racing the worker's own report of it).
  const totalBytes = statSync(path).size;
  return readSourceStream(source, createReadStream(path, { highWaterMark: CHUNK_BYTES }), basename(path), { totalBytes, ...options });
}

/** The stream core of readSource: any byte stream (tests feed it tiny chunks to expose boundary bugs). */
export async function readSourceStream(
  source: SourceConfig,
  input: AsyncIterable<Uint8Array>,
  fileLabel: string,
  options: ReadSourceOptions = {},
): Promise<SourceReadResult> {
  const { onProgress, onlyKeys } = options;
  const sink: RecordSink = options.sink ?? { addPerson: (r) => persons.push(r), addUtility: (u) => utilities.push(u) };
  const progressEvery = options.progressEvery ?? 20_000;
  let encoding: Encoding = 'utf8';
  const persons = new ArrayBuilder<PersonRecord>();
  const utilities = new ArrayBuilder<UtilityRecord>();
  const rejects: Reject[] = [];
  const counts: SourceCounts = { read: 0, accepted: 0, rejected: 0 };
  const seenKeys = new StringMap<true>();
  let ix = options.firstIx ?? 0;
  let headerMap: HeaderMap | null = null;
  let headers: string[] = [];
  // cells → row, compiled for this file's header map: the row loop below runs millions of times
  let buildRow: (cells: readonly string[]) => Record<string, string> = () => ({});
  let bytesRead = 0;
  let normaliseMs = 0;

  const reject = (line: number, recordKey: string, field: string, code: string, reason: string): void => {
    rejects.push({ source: source.name, line, recordKey, field, code, reason });
    counts.rejected++;
  };

  const onRecord = ({ cells, line, error }: CsvRecord): void => {
    if (!headerMap) {
      headers = cells.map((h) => h.normalize('NFKC').replace(/^\ufeff/, '').trim());
      headerMap = mapHeaders(source, headers, fileLabel);
      buildRow = rowBuilder(headerMap.fieldIndex);
      return;
    }
    counts.read++;
    if (onProgress && counts.read % progressEvery === 0) onProgress(counts.read, bytesRead);
    if (error) {
      reject(line, '', '', 'CSV_SYNTAX', 'a quoted field is never closed; the row cannot be read as CSV');
      return;
    }
    if (cells.length !== headers.length && !isHarmlessRagged(cells, headers.length)) {
      reject(line, cell(cells, headerMap.recordKeyIndex), '', 'RAGGED_ROW', `the row has ${cells.length} cells but the header has ${headers.length}`);
      return;
    }
    if (isEmptyRow(cells)) {
      reject(line, '', '', 'EMPTY_ROW', 'the row has no values');
      return;
    }
    if (onlyKeys && !onlyKeys.has(cell(cells, headerMap.recordKeyIndex).normalize('NFKC'))) {
      counts.read--;
      return;
    }
    const row = buildRow(cells);
    // Normalising is timed on one row in NORMALISE_SAMPLE (two clock reads a row were ~1% of reading).
    let result: NormaliseRowResult;
    if (counts.read % NORMALISE_SAMPLE === 0) {
      const t0 = performance.now();
      result = normaliseRow(source, row, line, ix);
      normaliseMs += (performance.now() - t0) * NORMALISE_SAMPLE;
    } else result = normaliseRow(source, row, line, ix);
    if (result.reject) {
      rejects.push(result.reject);
      counts.rejected++;
      return;
    }
    const rec = result.record;
    if (!seenKeys.setIfAbsent(rec.recordKey, true)) {
      reject(line, rec.recordKey, 'record_key', 'DUPLICATE_RECORD_KEY', 'another row of this source has the same record key');
      return;
    }
    counts.accepted++;
    ix++;
    if (source.kind === 'utilities') sink.addUtility(rec as UtilityRecord);
    else sink.addPerson(rec as PersonRecord);
  };

  const tokenizer = new CsvTokenizer(source.delimiter, onRecord);
  const hash = options.hash === false ? null : createHash('sha256');
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of input) {
      bytesRead += chunk.length;
      hash?.update(chunk);
      yield chunk;
    }
  }
  let estimated = options.totalBytes === undefined;
  const sizesAtStart = cacheSizes();
  let midway = -1;
  let sizesMidway: number[] = [];
  for await (const text of decodeStream(counted(), source.encoding, (e) => (encoding = e))) {
    tokenizer.push(text);
    // the caches are foretold by the second half of those rows: a cache of values that soon stop being
    // new (dates, relationships) fills in the first half
    if (midway < 0 && counts.read >= ESTIMATE_AFTER_ROWS / 2) {
      midway = counts.read;
      sizesMidway = cacheSizes();
    }
    if (!estimated && counts.read >= ESTIMATE_AFTER_ROWS) {
      estimated = true;
      const rows = Math.ceil((options.totalBytes! * counts.read) / bytesRead);
      seenKeys.reserve(rows);
      reserveCaches(sizesAtStart, sizesMidway, midway, counts.read - midway, rows - counts.read);
      sink.reserve?.(rows - counts.accepted, source.kind === 'utilities');
    }
  }
  tokenizer.end();
  if (!headerMap) {
    // An empty file: nothing read, but the mapping must still be checked so the user hears about it.
    mapHeaders(source, [], fileLabel);
  }
  return {
    persons: persons.toArray(),
    utilities: utilities.toArray(),
    rejects,
    counts,
    encoding,
    headers,
    normaliseSeconds: normaliseMs / 1000,
    sha256: hash ? hash.digest('hex') : '',
    bytes: bytesRead,
  };
}

function cell(record: string[], index: number): string {
  return (record[index] ?? '').trim();
}

function isEmptyRow(cells: string[]): boolean {
  for (const c of cells) if (c.trim() !== '') return false;
  return true;
}

/** Extra trailing cells that are all empty (a trailing delimiter) do not make a row broken. */
function isHarmlessRagged(record: string[], width: number): boolean {
  if (record.length < width) return false;
  for (let i = width; i < record.length; i++) if (record[i]!.trim() !== '') return false;
  return true;
}
