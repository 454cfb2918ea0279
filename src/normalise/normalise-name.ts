import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import { StringMap } from '../lib/string-map.js';
import type { NameKeys } from '../model.js';
import { registerCache } from './intern.js';

/** The name of a record that has none (e.g. a newborn on a birth record). */
export const EMPTY_NAME: Readonly<NameKeys> = Object.freeze({
  display: '',
  key: '',
  surname: '',
  given: '',
  pinyin: '',
  pinyinFuzzy: '',
});

const openccToSimplified: (s: string) => string = OpenCC.Converter({ from: 't', to: 'cn' });

/*
 * OpenCC walks a trie from every position and builds a new string: ~2.5 µs for an address even
 * when nothing changes, which is almost always. A string changes only where some dictionary key
 * matches, so a string in which none can match is returned as it is. For each UTF-16 unit,
 * KEY_START says whether a one-character key is that character (ONE_CHAR; surrogates too, so astral
 * characters always take the full path) and whether longer keys start with it (LONGER); the first
 * two units of every longer key are in KEY_PAIRS. Checking first characters only sent 778,708 of the
 * 1.19 M distinct addresses of the 1M county to OpenCC, since 210 common characters (一, 上, 不 …) start
 * some phrase; with the pairs checked none went (none changes), and toSimplified over all of them took
 * 0.08–0.11 s instead of ~0.85 s (the same output for each, and for 100,000 made traditional). The
 * tables are built from the dictionaries the converter loads (t2s: normalisation and conversion chains).
 */
const ONE_CHAR = 1;
const LONGER = 2;
const { KEY_START, KEY_PAIRS } = ((): { KEY_START: Uint8Array; KEY_PAIRS: Set<number> } => {
  const start = new Uint8Array(0x10000);
  start.fill(ONE_CHAR, 0xd800, 0xe000);
  const pairs = new Set<number>();
  const addKey = (key: string): void => {
    if (key === '') return;
    const first = key.charCodeAt(0);
    if (key.length === 1) start[first]! |= ONE_CHAR;
    else {
      start[first]! |= LONGER;
      pairs.add(first * 0x10000 + key.charCodeAt(1));
    }
  };
  const config = (OpenCC.Locale.configs as Record<string, { normalizationChain?: unknown; conversionChain: unknown }>)['t2s']!;
  const visit = (d: unknown): void => {
    if (typeof d === 'string') {
      // "key value value|key value|…"
      for (const entry of d.split('|')) {
        const space = entry.indexOf(' ');
        addKey(space < 0 ? entry : entry.slice(0, space));
      }
    } else if (Array.isArray(d)) {
      if (d.length === 2 && typeof d[0] === 'string' && typeof d[1] === 'string' && !d[0].includes('|') && !d[0].includes(' ')) {
        addKey(d[0]);
      } else for (const x of d) visit(x);
    }
  };
  visit(config.normalizationChain);
  visit(config.conversionChain);
  return { KEY_START: start, KEY_PAIRS: pairs };
})();

/** Traditional → simplified, shared by names and addresses. */
export function toSimplified(s: string): string {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const starts = KEY_START[c]!;
    if (starts === 0) continue;
    if ((starts & ONE_CHAR) !== 0) return openccToSimplified(s);
    if (i + 1 < n && KEY_PAIRS.has(c * 0x10000 + s.charCodeAt(i + 1))) return openccToSimplified(s);
  }
  return s;
}

/** Two-character surnames (复姓) that must not be split after the first character. */
export const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '令狐', '端木', '轩辕', '独孤', '南宫', '西门', '百里', '呼延', '万俟', '司空', '闻人', '澹台', '公冶',
  '太史', '申屠', '钟离', '宗政', '濮阳', '淳于', '单于', '赫连', '拓跋', '第五', '东郭', '左丘', '梁丘',
]);

/** Cells that say "no name" rather than being one. */
const PLACEHOLDERS = new Set([
  '无', '无名', '无名氏', '不详', '未知', '未取名', '未起名', '未命名', '暂无', '暂未取名', '待定', '待取名',
  '婴儿', '男婴', '女婴', '新生儿', '男孩', '女孩', '小孩', '宝宝', '空', '某某', '某',
  '-', '--', '—', '——', '/', '\\', '?', '??', '.', '·', '0', 'x', 'xx', 'xxx',
  'null', 'none', 'nan', 'n/a', 'na', 'unknown', 'undefined',
]);
// 王丽之子, 李男婴, 张氏婴儿: the mother's or family's name plus a word for the child.
const PLACEHOLDER_PATTERN = /^.{0,4}(之子|之女|之婴|男婴|女婴|婴儿|新生儿)$/u;

// Middle dots of minority names as typed on different keyboards (NFKC leaves most of them alone).
const DOTS = /[·•・．.‧･∙⋅︒﹒。\-]+/g;
const WHITESPACE = /[\s\u200b-\u200d\ufeff]+/g;
const HAN = /\p{Script=Han}/u;
const LATIN_RUN = /[A-Za-z]+/y;

/*
 * Dialect folding for the fuzzy pinyin level. Speakers in Hunan and Sichuan merge n- and l-;
 * most southern speakers do not distinguish retroflex zh/ch/sh from z/c/s, nor -ng from -n after
 * i/e/a (ing/in, eng/en, ang/an). Hunan speakers also merge hu- with f- (湖南 → funan), so hu+vowel
 * folds to f+vowel. Folding each syllable to one representative makes those spellings equal.
 */
function foldSyllable(syl: string): string {
  let s = syl;
  if (s.startsWith('zh') || s.startsWith('ch') || s.startsWith('sh')) s = s[0] + s.slice(2);
  else if (s.startsWith('n') && !s.startsWith('ng')) s = 'l' + s.slice(1);
  else if (s.startsWith('hu')) {
    // hua→fa, huan→fan, hui→fei, hun→fen, huo→fo, hu→fu
    const rest = s.slice(2);
    s = rest === '' ? 'fu' : rest === 'i' ? 'fei' : rest === 'n' ? 'fen' : 'f' + rest;
  }
  if (s.endsWith('ng') && !s.endsWith('ong')) s = s.slice(0, -1);
  return s;
}

const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive' } as const;

// Pinyin per distinct surname and per distinct character: a few thousand entries serve a county,
// and a per-character lookup is far cheaper than pinyin-pro's whole-name segmentation.
const surnamePinyin = new Map<string, string[]>();
const charPinyin = new Map<string, string>();

function pinyinOfSurname(surname: string): string[] {
  let p = surnamePinyin.get(surname);
  if (p === undefined) {
    p = pinyin(surname, { ...PINYIN_OPTIONS, surname: 'all' }).map((t) => t.toLowerCase());
    surnamePinyin.set(surname, p);
  }
  return p;
}

function pinyinOfChar(ch: string): string {
  let p = charPinyin.get(ch);
  if (p === undefined) {
    p = pinyin(ch, PINYIN_OPTIONS)[0]?.toLowerCase() ?? ch;
    charPinyin.set(ch, p);
  }
  return p;
}

/**
 * Toneless pinyin tokens of a name key: the surname with its surname reading (曾 zeng, 单 shan),
 * then each Han character; other runs kept lower-cased ("xiao" typed for a rare character, '?').
 */
function pinyinTokens(key: string, surname: string): string[] {
  const out: string[] = [];
  let i = 0;
  if (HAN.test(surname)) {
    out.push(...pinyinOfSurname(surname));
    i = surname.length;
  }
  while (i < key.length) {
    LATIN_RUN.lastIndex = i;
    const latin = LATIN_RUN.exec(key);
    if (latin) {
      out.push(latin[0].toLowerCase());
      i += latin[0].length;
      continue;
    }
    const ch = String.fromCodePoint(key.codePointAt(i)!);
    i += ch.length;
    if (ch === '·') continue;
    out.push(HAN.test(ch) ? pinyinOfChar(ch) : ch.toLowerCase());
  }
  return out;
}

/** First name unit: a compound surname, one code point, or a Latin run typed for a rare character. */
function surnameOf(key: string): string {
  const two = key.slice(0, 2);
  if (COMPOUND_SURNAMES.has(two)) return two;
  const latin = /^[A-Za-z]+/.exec(key);
  if (latin) return latin[0];
  return String.fromCodePoint(key.codePointAt(0)!);
}

function compute(raw: string): NameKeys | null {
  let display = raw.normalize('NFKC').replace(WHITESPACE, '');
  if (display === '') return null;
  display = display.replace(DOTS, '·').replace(/^·+|·+$/g, '');
  const lower = display.toLowerCase();
  if (display === '' || PLACEHOLDERS.has(lower) || PLACEHOLDER_PATTERN.test(display)) return null;
  // Nothing that could be part of a name: digits and punctuation only.
  if (!HAN.test(display) && !/[a-z?]/.test(lower)) return null;
  const key = toSimplified(display);
  const surname = surnameOf(key);
  const tokens = pinyinTokens(key, surname);
  return Object.freeze({
    display,
    key,
    surname,
    given: key.slice(surname.length),
    pinyin: tokens.join(' '),
    pinyinFuzzy: tokens.map(foldSyllable).join(' '),
  });
}

// Names repeat a lot and pinyin is the slowest step: one computation per distinct cell.
const cache = registerCache(new StringMap<NameKeys | null>());
const CACHE_LIMIT = 2_000_000;

/** Normalised name with comparison keys, or null when blank or a placeholder. Results are shared: do not mutate. */
export function normaliseName(raw: string): NameKeys | null {
  const hit = cache.get(raw);
  if (hit !== undefined) return hit;
  const value = compute(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, value);
  return value;
}
