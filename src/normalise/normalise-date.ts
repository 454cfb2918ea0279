import { StringMap } from '../lib/string-map.js';
import { intern, registerCache } from './intern.js';

const MIN_YEAR = 1890;
const MAX_YEAR = 2100;

/** True when y-m-d is a real calendar day (proleptic Gregorian). */
export function isValidYmd(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || m < 1 || m > 12 || d < 1) return false;
  if (m === 2) return d <= (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28);
  return d <= (m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

const TIME_SUFFIX = /(?:[T\s]+\d{1,2}(?::\d{1,2}){1,2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)$/;
const YMD_SEP = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
const YMD_COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YM_SEP = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const YM_COMPACT = /^(\d{4})(\d{2})$/;

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

const TABLE_FROM = 1850;
const TABLE_TO = 2100;
// One slot per (year, month, day) of the years most dates fall in, filled on first use.
const byDay: Array<string | undefined> = new Array((TABLE_TO - TABLE_FROM + 1) * 12 * 31);

/**
 * The shared YYYY-MM-DD string of a valid calendar day (a four-digit year). Found by its numbers
 * rather than by hashing a string: a census row's birth date and the one its ID number carries went
 * through string pools, and in a profile of a million-person run `parseDate` took 1.65 s of self
 * time, the ID's birth date 0.42 s and its pool lookups 0.87 s.
 */
export function ymdString(y: number, m: number, d: number): string {
  if (y < TABLE_FROM || y > TABLE_TO) return intern(`${y}-${pad2(m)}-${pad2(d)}`);
  const slot = ((y - TABLE_FROM) * 12 + m - 1) * 31 + d - 1;
  return (byDay[slot] ??= intern(`${y}-${pad2(m)}-${pad2(d)}`));
}

/** The number written by `length` ASCII digits at `at` in `s`, or -1 when any of them is not one. */
export function digitsAt(s: string, at: number, length: number): number {
  let v = 0;
  for (let i = at; i < at + length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

function isSeparator(c: number): boolean {
  return c === 45 /* - */ || c === 47 /* / */ || c === 46 /* . */;
}

/**
 * The date of YYYY-MM-DD (any of - / . as separators) or YYYYMMDD in ASCII digits: the spellings most
 * cells have, parsed as the full rules would parse them. undefined for any other spelling.
 */
function parsePlainDate(raw: string): string | null | undefined {
  let at: number;
  if (raw.length === 10) {
    if (!isSeparator(raw.charCodeAt(4)) || !isSeparator(raw.charCodeAt(7))) return undefined;
    at = 1;
  } else if (raw.length === 8) at = 0;
  else return undefined;
  const y = digitsAt(raw, 0, 4);
  const m = digitsAt(raw, 4 + at, 2);
  const d = digitsAt(raw, 6 + 2 * at, 2);
  if (y < 0 || m < 0 || d < 0) return undefined;
  return dateOf(y, m, d);
}

/** The date of year, month and day as read from a cell: null when impossible or out of range. */
function dateOf(y: number, m: number, d: number): string | null {
  return y < MIN_YEAR || y > MAX_YEAR || !isValidYmd(y, m, d) ? null : ymdString(y, m, d);
}

// Dates repeat heavily (a few tens of thousands of distinct spellings per run).
const dateCache = registerCache(new StringMap<string | null>());
const periodCache = registerCache(new StringMap<string | null>());
const CACHE_LIMIT = 200_000;

function remember<T>(cache: StringMap<T>, key: string, value: T): T {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

function prepare(raw: string): string {
  return raw.normalize('NFKC').trim().replace(TIME_SUFFIX, '').trim();
}

/**
 * Parses a calendar date written in any of the usual export spellings into YYYY-MM-DD.
 * '' for blank; null when unparseable or impossible. Spreadsheet serial numbers are not dates.
 */
export function parseDate(raw: string): string | null {
  const plain = parsePlainDate(raw);
  if (plain !== undefined) return plain;
  const hit = dateCache.get(raw);
  if (hit !== undefined) return hit;
  const s = prepare(raw);
  if (s === '') return remember(dateCache, raw, '');
  const m = YMD_SEP.exec(s) ?? YMD_COMPACT.exec(s);
  if (!m) return remember(dateCache, raw, null);
  // one shared instance per date, whatever its spelling (a county has some tens of thousands of birth dates)
  return remember(dateCache, raw, dateOf(+m[1]!, +m[2]!, +m[3]!));
}

/** Parses a billing period into YYYY-MM ('' blank, null bad); a full date gives its month. */
export function parsePeriod(raw: string): string | null {
  const hit = periodCache.get(raw);
  if (hit !== undefined) return hit;
  const s = prepare(raw);
  if (s === '') return remember(periodCache, raw, '');
  const m = YM_SEP.exec(s) ?? YM_COMPACT.exec(s);
  if (m) {
    const y = +m[1]!;
    const mo = +m[2]!;
    if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12) return remember(periodCache, raw, null);
    return remember(periodCache, raw, `${m[1]}-${pad2(mo)}`);
  }
  const date = parseDate(s);
  return remember(periodCache, raw, date ? date.slice(0, 7) : null);
}
