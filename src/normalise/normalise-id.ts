import { StringMap } from '../lib/string-map.js';
import type { IdKind, IdNumber, Sex } from '../model.js';
import { detach } from '../lib/flat-string.js';
import { registerCache } from './intern.js';
import { digitsAt, isValidYmd, ymdString } from './normalise-date.js';

/** The IdNumber of a record without an ID number. */
export const NO_ID: Readonly<IdNumber> = Object.freeze({
  value: '',
  quality: 'none',
  kind: 'resident',
  legacy15: false,
  birthDate: '',
  sex: '',
});

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of a resident ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Province-level codes of GB/T 2260 (plus 71 Taiwan, 81/82 HK/Macao, 83 Taiwan permits). */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Strings that stand for "no ID number" in exports. */
const NONE_WORDS = new Set(['无', '不详', '未知', '暂无', 'NULL', 'NONE', 'NAN', 'N/A', 'NA', '-', '--', '/', '\\']);

/** 430104********1234: enough for a field visit to confirm, not enough to misuse. */
export function maskId(value: string): string {
  if (value === '') return '';
  if (value.length < 10) return '*'.repeat(value.length);
  return value.slice(0, 6) + '*'.repeat(value.length - 10) + value.slice(-4);
}

function make(
  value: string,
  quality: IdNumber['quality'],
  kind: IdKind,
  legacy15: boolean,
  birthDate: string,
  sex: Sex | '',
): IdNumber {
  return Object.freeze({ value: detach(value), quality, kind, legacy15, birthDate, sex });
}

const MALFORMED: IdNumber = make('', 'malformed', 'resident', false, '', '');

function malformed(): IdNumber {
  return MALFORMED;
}

function kindOf(digits: string): IdKind {
  if (digits.charCodeAt(0) === 57 /* 9 */) return 'foreigner';
  const p6 = digits.slice(0, 6);
  return p6 === '810000' || p6 === '820000' || p6 === '830000' ? 'hmt_permit' : 'resident';
}

/** Province check: the first two digits (digits 2–3 for foreigners' permanent residence IDs). */
function provinceOk(digits: string, kind: IdKind): boolean {
  return PROVINCES.has(kind === 'foreigner' ? digits.slice(1, 3) : digits.slice(0, 2));
}

/** YYYY-MM-DD from 8 digits at `at`, or '' when impossible. */
function birthAt(digits: string, at: number): string {
  const y = digitsAt(digits, at, 4);
  const m = digitsAt(digits, at + 4, 2);
  const d = digitsAt(digits, at + 6, 2);
  if (!isValidYmd(y, m, d) || y < 1850) return '';
  return ymdString(y, m, d);
}

const SCI = /^(\d)(?:\.(\d+))?E\+?(\d{1,2})$/;
const DIGITS17 = /^\d{17}[\dX]$/;
const CLEAN18 = /^\d{17}[\dXx]$/;
const DIGITS15 = /^\d{15}$/;
const ALL_ZERO = /^0+$/;
// × (multiplication sign), ✕ ✗ ╳ and a star stand in for the check character X in hand-typed exports.
const X_LIKE = /[×✕✖✗✘╳*]/g;
// Separators people and spreadsheets put inside numbers, plus the leading apostrophe that forces text.
const NOISE = /[\s\-_—–‐‑'"`]/g;

// A person's number appears in several sources (and a utility holder's every month): one frozen
// IdNumber per distinct cell, shared by the records that carry it.
const cache = registerCache(new StringMap<IdNumber>());
const CACHE_LIMIT = 3_000_000;

/**
 * Normalises one ID number cell (GB 11643-1999 resident ID, 15-digit legacy number,
 * HMT residence permit or foreigner's permanent residence ID) and derives birth date and sex.
 * Results are frozen and shared between equal cells.
 */
export function normaliseId(raw: string): IdNumber {
  if (raw === '') return NO_ID as IdNumber;
  let id = cache.get(raw);
  if (id === undefined) {
    id = compute(raw);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(id.value === raw ? id.value : detach(raw), id);
  }
  return id;
}

function compute(raw: string): IdNumber {
  // Fast path: the clean 18-character number most rows carry.
  if (raw.length === 18 && raw.charCodeAt(0) !== 48 && CLEAN18.test(raw)) return from18(raw.charCodeAt(17) === 120 ? raw.toUpperCase() : raw);
  let s = raw.normalize('NFKC').replace(NOISE, '').toUpperCase();
  if (s === '' || NONE_WORDS.has(s) || ALL_ZERO.test(s)) return NO_ID as IdNumber;
  s = s.replace(X_LIKE, 'X');
  if (s.endsWith('.0') && s.length > 2) s = s.slice(0, -2);

  const sci = SCI.exec(s);
  if (sci) return fromScientific(sci[1]! + (sci[2] ?? ''), +sci[3]!);

  if (s.length === 18 && DIGITS17.test(s)) return from18(s);
  if (s.length === 15 && DIGITS15.test(s)) return from15(s);
  return malformed();
}

function from18(s: string): IdNumber {
  const kind = kindOf(s);
  if (!provinceOk(s, kind)) return malformed();
  const birthDate = birthAt(s, 6);
  if (birthDate === '') return malformed();
  const checkOk = idCheckChar(s) === s[17];
  if (!checkOk && s.endsWith('000')) {
    // Spreadsheet kept 15 significant digits: the sequence and check digits are lost, sex with them.
    return make(s, 'damaged', kind, false, birthDate, '');
  }
  const sex: Sex = (s.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
  return make(s, checkOk ? 'valid' : 'check_failed', kind, false, birthDate, sex);
}

function from15(s: string): IdNumber {
  if (!PROVINCES.has(s.slice(0, 2))) return malformed();
  const first17 = s.slice(0, 6) + '19' + s.slice(6);
  const birthDate = birthAt(first17, 6);
  if (birthDate === '') return malformed();
  const sex: Sex = (s.charCodeAt(14) - 48) % 2 === 1 ? 'M' : 'F';
  return make(first17 + idCheckChar(first17), 'valid', 'resident', true, birthDate, sex);
}

/** `4.30104199003071E+17`: the leading digits survive; the value only when all 18 do. */
function fromScientific(mantissa: string, exponent: number): IdNumber {
  if (exponent !== 17) return malformed();
  const sig = mantissa.replace(/0+$/, '');
  if (sig.length > 18) return malformed();
  const padded = sig.padEnd(18, '0');
  const kind = kindOf(padded);
  if (!provinceOk(padded, kind)) return malformed();
  const birthDate = sig.length >= 14 ? birthAt(padded, 6) : '';
  if (sig.length >= 17) {
    // Hand-typed long mantissa: trust the digits only when the check character confirms them.
    if (idCheckChar(padded) === padded[17]) {
      const sex: Sex = (padded.charCodeAt(16) - 48) % 2 === 1 ? 'M' : 'F';
      return make(padded, 'damaged', kind, false, birthDate, sex);
    }
  }
  return make('', 'damaged', kind, false, birthDate, '');
}
