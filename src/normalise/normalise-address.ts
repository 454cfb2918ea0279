import { StringMap } from '../lib/string-map.js';
import { detach } from '../lib/flat-string.js';
import { createPool, intern, lastCell, registerCache } from './intern.js';
import { toSimplified } from './normalise-name.js';
import { isNfkcStable, normaliseText } from './normalise-text.js';

const CN_DIGITS: Record<string, number> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_NUMBER = /[〇零一二两三四五六七八九十百千]+/g;

/** 十二 → 12, 一百零一 → 101, 二〇一 → 201 (digit by digit when there is no 十/百/千). */
export function chineseToArabic(run: string): string {
  if (!/[十百千]/.test(run)) {
    let out = '';
    for (const ch of run) out += CN_DIGITS[ch];
    return out;
  }
  let total = 0;
  let cur = 0;
  for (const ch of run) {
    const unit = CN_UNITS[ch];
    if (unit !== undefined) {
      total += (cur === 0 ? 1 : cur) * unit;
      cur = 0;
    } else cur = CN_DIGITS[ch]!;
  }
  return String(total + cur);
}

// Name part of an administrative prefix: Han characters that are not themselves address markers.
const N = '[^\\d\\-#A-Z路街巷弄号栋楼单元室村组省市县区镇乡]';
const PROVINCE = new RegExp(
  '^(?:中国)?(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|' +
    '四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西壮族|广西|西藏|宁夏回族|宁夏|新疆维吾尔|新疆|香港|澳门)(?:省|市|自治区|特别行政区)',
);
const PREFECTURE = new RegExp(`^(${N}{2,8}?)(?:自治州|地区|盟|市)`);
const COUNTY = new RegExp(`^(${N}{1,8}?)(?:自治县|自治旗|县|区|旗|市)`);
const TOWN = new RegExp(`^${N}{1,8}?(?:街道办事处|街道办|街道|镇|乡|苏木)`);
const COMMUNITY = new RegExp(`^${N}{1,8}?社区`);
// Characters before 市/区 that make it part of a place name rather than a city or district.
const NOT_CITY = /[超城门菜集夜街花股楼]$/;
const NOT_DISTRICT = /[小社园片景校厂矿营宅住商]$/;
// What must follow a dropped town or community so that the rest still locates the dwelling.
const LOCATES = /村|社区|小区|[路街巷弄道]\d|\d号|组/;
const ROAD_NUMBER_FOLLOWS = /^\D{1,12}?[路街巷弄道]\d/;

/**
 * The characters each prefix pattern's ending can start with, and how far into the string that ending
 * can start (its name part is at most eight characters; a province's, after 中国, at most five). A
 * string without any of them in that reach cannot match the pattern, and most addresses (白树路82号1栋…)
 * have none: the five patterns then cost a scan of a few characters. Over the 1.13 M distinct addresses
 * of the 1M county's census and register the five took ~0.8 s, and ~0.45 s with the scan first (many
 * addresses start with a town, 花和街道…, whose pattern still runs).
 */
const ENDING_CHARS = new Uint8Array(0x10000);
const PROVINCE_ENDS = ending(1, '省市自特', 8);
const PREFECTURE_ENDS = ending(2, '自地盟市', 9);
const COUNTY_ENDS = ending(4, '自县区旗市', 9);
const TOWN_ENDS = ending(8, '街镇乡苏', 9);
const COMMUNITY_ENDS = ending(16, '社', 9);

interface Ending {
  /** The pattern's bit in ENDING_CHARS. */
  bit: number;
  reach: number;
}

function ending(bit: number, chars: string, reach: number): Ending {
  for (let i = 0; i < chars.length; i++) ENDING_CHARS[chars.charCodeAt(i)]! |= bit;
  return { bit, reach };
}

/** True when one of the pattern's ending characters is within its reach of the start of `s`. */
function mayEnd(s: string, e: Ending): boolean {
  const n = Math.min(s.length, e.reach);
  for (let i = 0; i < n; i++) if ((ENDING_CHARS[s.charCodeAt(i)]! & e.bit) !== 0) return true;
  return false;
}

function stripAdminPrefix(s: string): string {
  if (mayEnd(s, PROVINCE_ENDS)) s = s.replace(PROVINCE, '');
  let m = mayEnd(s, PREFECTURE_ENDS) ? PREFECTURE.exec(s) : null;
  if (m && !NOT_CITY.test(m[1]!) && m[0].length < s.length) s = s.slice(m[0].length);
  m = mayEnd(s, COUNTY_ENDS) ? COUNTY.exec(s) : null;
  if (m && !NOT_DISTRICT.test(m[1]!) && !NOT_CITY.test(m[1]!) && m[0].length < s.length) s = s.slice(m[0].length);
  m = mayEnd(s, TOWN_ENDS) ? TOWN.exec(s) : null;
  if (m && LOCATES.test(s.slice(m[0].length))) s = s.slice(m[0].length);
  m = mayEnd(s, COMMUNITY_ENDS) ? COMMUNITY.exec(s) : null;
  if (m && ROAD_NUMBER_FOLLOWS.test(s.slice(m[0].length))) s = s.slice(m[0].length);
  return s;
}

/** Dash groups such as 3-2-301: building, unit, room, read according to what precedes them. */
function expandDashes(s: string): string {
  return s.replace(/(\d+(?:-\d+)+)(?![号栋组\d])/g, (group: string, _g: string, at: number) => {
    const parts = group.split('-');
    const before = s.slice(Math.max(0, at - 2), at);
    if (before.endsWith('单元')) return parts.join('');
    if (before.endsWith('栋')) return parts.length === 2 ? `${parts[0]}单元${parts[1]}` : group;
    let house = '';
    // 芙蓉路12-3-2-301: the first number is the house number when a road name precedes.
    if (/[路街巷弄]$/.test(before) && parts.length >= 3) house = parts.shift()! + '号';
    if (parts.length === 3) return `${house}${parts[0]}栋${parts[1]}单元${parts[2]}`;
    if (parts.length === 2) return `${house}${parts[0]}栋${parts[1]}`;
    return house + parts.join('-');
  });
}

function floorOrBuilding(s: string): string {
  // N楼 after a building is a floor (dropped: the room number carries it); otherwise it names a building.
  return s.replace(/(\d+)楼/g, (_m: string, n: string, at: number) => (/栋|单元/.test(s.slice(0, at)) ? '' : `${n}栋`));
}

const COMMITTEE_WORDS: Record<string, string> = {
  村民委员会: '村', 村委会: '村', 村委: '村',
  社区居民委员会: '社区', 社区居委会: '社区', 居民委员会: '社区', 居委会: '社区',
  村民小组: '组', 小组: '组',
};
const COMMITTEE = /村民委员会|村委会|村委|社区居民委员会|社区居委会|居民委员会|居委会|村民小组|小组/g;

/** Marker after a number → canonical marker ('' drops the marker, '-' drops number and marker). */
const MARKERS: Record<string, string> = {
  号院: '号', 号大院: '号',
  号楼: '栋', 号栋: '栋', 号幢: '栋', 栋楼: '栋', 幢楼: '栋', '#楼': '栋', 栋: '栋', 幢: '栋', 座: '栋', '#': '栋',
  单元: '单元', 门: '单元',
  // Floors: the room number already carries the floor.
  层: '-',
  号房: '', 房间: '', 室: '', 户: '', 房: '',
};
const MARKER = /(\d+|[A-Z])(号大院|号院|号楼|号栋|号幢|栋楼|幢楼|#楼|栋|幢|座|#|单元|门|层|号房|房间|室|户|房)/g;

/** True when `s` holds only A–Z, digits and CJK unified ideographs (no punctuation or spaces to tidy). */
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) continue;
    return false;
  }
  return true;
}

const HAS_LOWER = /[a-z]/;
const HAS_CN_NUMBER = /[〇零一二两三四五六七八九十百千]/;

/*
 * Each step below is a regular-expression pass of ~0.2 µs even when it changes nothing, and a
 * county has about 1.3 distinct addresses per person, so a step whose trigger character is absent
 * is skipped (the guards only skip passes that could not match).
 */
function compute(address: string): string {
  let s = isNfkcStable(address) ? address : address.normalize('NFKC');
  s = toSimplified(s);
  if (!isNfkcStable(s) || HAS_LOWER.test(s)) s = s.toUpperCase();
  if (!isPlain(s)) {
    // Separators between two numbers become a dash (3,2,301 or 3 2 301); other punctuation goes.
    s = s.replace(/[—–―‐‑~_]/g, '-');
    s = s.replace(/(\d)[\s,，、.。:：;；/\\]+(?=\d)/g, '$1-');
    s = s.replace(/[\s()（）[\]【】〔〕{}<>《》"'“”‘’,，、.。:：;；!！?？·/\\]+/g, '');
  }
  if (HAS_CN_NUMBER.test(s)) s = s.replace(CN_NUMBER, chineseToArabic);
  if (s.includes('第')) s = s.replace(/第(\d)/g, '$1');
  if (s.includes('委') || s.includes('组')) s = s.replace(COMMITTEE, (w: string) => COMMITTEE_WORDS[w]!);
  if (s.includes('社区社区')) s = s.replace(/社区社区/g, '社区');
  if (s.includes('村村')) s = s.replace(/村村/g, '村');
  if (s.includes('社') || s.includes('队')) s = s.replace(/(\d+)[社队](?!区)/g, '$1组');
  s = stripAdminPrefix(s);
  s = s.replace(MARKER, (m: string, n: string, marker: string) => {
    const canonical = MARKERS[marker]!;
    // A letter only names a building (A座, B栋), never a unit or room.
    if (n.charCodeAt(0) > 57 && canonical !== '栋') return m;
    return canonical === '-' ? '' : n + canonical;
  });
  if (s.includes('楼')) s = floorOrBuilding(s);
  if (s.endsWith('号')) s = s.replace(/(栋|单元)(\d+)号$/, '$1$2');
  if (s.includes('-')) s = expandDashes(s);
  // A house number written without 号 (芙蓉路12 / 芙蓉路12号).
  s = s.replace(/([路街巷弄])(\d+)(?![\d号栋单组-])/g, '$1$2号');
  if (s.includes('0')) s = s.replace(/(^|\D)0+(?=\d)/g, '$1');
  return s;
}

// Many spellings share one dwelling: one instance of each key.
const dwellings = createPool();

/**
 * Canonical dwelling key: the same dwelling written differently gets the same key. '' for a blank address.
 * Not cached by its text, for the reason addressKeys gives: most texts are new to such a cache.
 */
export function dwellingKey(address: string): string {
  return dwellings(compute(address));
}

/** An address cell as a record keeps it: the address as written (NFKC, trimmed) and its dwelling key. */
export interface AddressKeys {
  readonly address: string;
  readonly dwelling: string;
}

const NO_ADDRESS: AddressKeys = Object.freeze({ address: '', dwelling: '' });

/**
 * Address and dwelling key of a raw address cell, with no lookup at all when the cell repeats the
 * previous row's (the next member of a household).
 *
 * Not cached per distinct cell: on the 1M county's main thread 1.2 M of 1.5 M cells were new to such
 * a cache (the census and the register spell addresses differently, and a household's rows come
 * together), so it cost a failed lookup and an insertion into a table of a million entries for most
 * cells, and kept 1.2 M entries alive through ingest. Without it, reading the county took 19.4–19.8 s
 * against 21.6–25.5 s (three interleaved runs each), the records the same. The dwelling keys still go
 * through a pool (`dwellings`, 71% hits), so that one instance of each key is kept.
 */
export const addressKeys = lastCell(addressKeysOf);

function addressKeysOf(raw: string): AddressKeys {
  if (raw === '') return NO_ADDRESS;
  const address = detach(normaliseText(raw));
  return address === '' ? NO_ADDRESS : { address, dwelling: dwellingKey(address) };
}

/**
 * Area code as digits: 6 (county), 9 (town), 12 (village/community) or 12 plus a small-area number
 * (up to 15). '' for blank; null when not digits or of another length.
 */
export const normaliseAreaCode = lastCell(areaCodeOf);

function areaCodeOf(raw: string): string | null {
  let code = areaCache.get(raw);
  if (code === undefined) {
    const computed = computeAreaCode(raw);
    code = computed === null ? null : intern(computed);
    if (areaCache.size >= AREA_CACHE_LIMIT) areaCache.clear();
    areaCache.set(detach(raw), code);
  }
  return code;
}

// A county has a few thousand small areas; each code is read once per row.
const areaCache = registerCache(new StringMap<string | null>());
const AREA_CACHE_LIMIT = 100_000;

function computeAreaCode(raw: string): string | null {
  // Separators some exports put between the levels (430104-001-001-001) carry no meaning.
  let s = raw.normalize('NFKC').replace(/[\s'"]/g, '');
  if (s.endsWith('.0')) s = s.slice(0, -2);
  if (/^\d+([-_/.]\d+)+$/.test(s)) s = s.replace(/[-_/.]/g, '');
  if (s === '') return '';
  if (!/^\d+$/.test(s)) return null;
  const n = s.length;
  return n === 6 || n === 9 || (n >= 12 && n <= 18) ? s : null;
}
