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
  const hit = dateCache.get(raw);
  if (hit !== undefined) return hit;
  const s = prepare(raw);
  if (s === '') return remember(dateCache, raw, '');
  const m = YMD_SEP.exec(s) ?? YMD_COMPACT.exec(s);
  if (!m) return remember(dateCache, raw, null);
  const y = +m[1]!;
  const mo = +m[2]!;
  const d = +m[3]!;
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidYmd(y, mo, d)) return remember(dateCache, raw, null);
  // one shared instance per date, whatever its spelling (a county has some tens of thousands of birth dates)
  return remember(dateCache, raw, intern(`${m[1]}-${pad2(mo)}-${pad2(d)}`));
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
