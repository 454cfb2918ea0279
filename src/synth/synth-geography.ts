import type { Prng } from './prng.js';

/** Dwelling situations the generator plants (each has its own truth consequences). */
export const DWELLING_STATES = {
  /** Registered family living here, enumerated. */
  FAMILY: 0,
  /** Occupied by in-migrants (and within-county movers), enumerated; nobody registered here. */
  RENTED: 1,
  /** 空挂户: registered household, nobody lives here, no consumption. */
  VACANT_REGISTERED: 2,
  /** Empty and unregistered. */
  VACANT_EMPTY: 3,
  /** People live here (consumption) but no household was enumerated. */
  OCCUPIED_NOT_ENUMERATED: 4,
} as const;

export interface Town {
  code9: string;
  name: string;
}
export interface Village {
  code12: string;
  name: string;
  urban: boolean;
  town: number;
  /** Urban communities: the road and house number of the estate. */
  road: string;
  roadNo: number;
}
export interface SmallArea {
  code15: string;
  village: number;
  enumeratorId: string;
}

export interface Geography {
  province: string;
  city: string;
  countyCode: string;
  countyName: string;
  towns: Town[];
  villages: Village[];
  smallAreas: SmallArea[];
  /** Per dwelling: village index, index within the village, small-area index, state, utility data coverage. */
  dwVillage: Int32Array;
  dwLocal: Int32Array;
  dwArea: Int32Array;
  dwState: Uint8Array;
  dwCovered: Uint8Array;
  neighbour: { code: string; name: string; villages: Village[]; towns: Town[] };
}

const PLACE_CHARS = [...'金星龙凤花桥枫树石河湾塘坪岭山田青竹白沙泉江湖新安乐和平兴福长东西南北黄梅桃李杨柳松清水源铺坝洲港城望仙雨花莲荷桂林丰泰康宁月光明德华盛'];

/**
 * Draws of a two-character name in a row that may all be taken before names get a third character.
 * The characters give ~4,400 two-character names, and a county of about three million persons needs
 * more (two per village); the county of two million fills ~80% of them, where this many taken draws
 * in a row has a chance of ~1e-19, so smaller counties draw exactly as before.
 */
const TWO_CHARACTER_TRIES = 200;

/** A place name not drawn before: two characters while they last, then three, then the suffix. */
function placeName(rng: Prng, used: Set<string>, suffix: string): string {
  for (let tries = 0; ; tries++) {
    let base = rng.pick(PLACE_CHARS) + rng.pick(PLACE_CHARS);
    if (base[0] === base[1]) continue;
    if (tries >= TWO_CHARACTER_TRIES) base += rng.pick(PLACE_CHARS);
    if (used.has(base)) continue;
    used.add(base);
    return base + suffix;
  }
}

/** Builds towns, villages/communities, census small areas and dwellings for about `persons` people. */
export function buildGeography(rng: Prng, persons: number, countyCode: string): Geography {
  const dwellings = Math.max(40, Math.round(persons / 2.6));
  const townCount = Math.min(60, Math.max(2, Math.round(persons / 35000)));
  const villagesPerTown = Math.max(2, Math.round(dwellings / townCount / 450));
  const used = new Set<string>();
  const towns: Town[] = [];
  const villages: Village[] = [];
  const urbanTowns = Math.ceil(townCount / 3);
  for (let t = 0; t < townCount; t++) {
    const urbanTown = t < urbanTowns;
    const code9 = countyCode + String(urbanTown ? t + 1 : 100 + t).padStart(3, '0');
    towns.push({ code9, name: placeName(rng, used, urbanTown ? '街道' : rng.chance(0.8) ? '镇' : '乡') });
    for (let v = 0; v < villagesPerTown; v++) {
      const urban = urbanTown || v === 0;
      const code12 = code9 + String(urban ? v + 1 : 200 + v).padStart(3, '0');
      villages.push({
        code12,
        name: placeName(rng, used, urban ? '社区' : '村'),
        urban,
        town: t,
        road: placeName(rng, used, rng.pick(['路', '路', '街', '大道'])),
        roadNo: rng.range(1, 300),
      });
    }
  }
  // Spread dwellings over villages (±30%), then cut each village into small areas of ~110 dwellings.
  const weights = villages.map(() => 0.7 + 0.6 * rng.next());
  const totalW = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(4, Math.round((dwellings * w) / totalW)));
  const total = counts.reduce((a, b) => a + b, 0);
  const dwVillage = new Int32Array(total);
  const dwLocal = new Int32Array(total);
  const dwArea = new Int32Array(total);
  const smallAreas: SmallArea[] = [];
  let d = 0;
  villages.forEach((village, vi) => {
    const n = counts[vi]!;
    const areas = Math.max(1, Math.round(n / 110));
    const per = Math.ceil(n / areas);
    for (let a = 0; a < areas; a++) {
      const code15 = village.code12 + String(a + 1).padStart(3, '0');
      smallAreas.push({ code15, village: vi, enumeratorId: `PCY${village.code12.slice(6)}${String(a + 1).padStart(2, '0')}` });
    }
    const firstArea = smallAreas.length - areas;
    for (let j = 0; j < n; j++, d++) {
      dwVillage[d] = vi;
      dwLocal[d] = j;
      dwArea[d] = firstArea + Math.floor(j / per);
    }
  });
  const dwState = new Uint8Array(total);
  const dwCovered = new Uint8Array(total);
  for (let i = 0; i < total; i++) {
    const urban = villages[dwVillage[i]!]!.urban;
    const x = rng.next();
    const s = DWELLING_STATES;
    const state = urban
      ? x < 0.71 ? s.FAMILY : x < 0.87 ? s.RENTED : x < 0.895 ? s.VACANT_REGISTERED : x < 0.996 ? s.VACANT_EMPTY : s.OCCUPIED_NOT_ENUMERATED
      : x < 0.815 ? s.FAMILY : x < 0.855 ? s.RENTED : x < 0.905 ? s.VACANT_REGISTERED : x < 0.996 ? s.VACANT_EMPTY : s.OCCUPIED_NOT_ENUMERATED;
    dwState[i] = state;
    dwCovered[i] = state === s.OCCUPIED_NOT_ENUMERATED || rng.chance(0.22) ? 1 : 0;
  }
  // A neighbouring county of the same prefecture: some of its register entries appear in the export.
  const nCode = countyCode === '430181' ? '430182' : '430181';
  const nTowns: Town[] = [];
  const nVillages: Village[] = [];
  for (let t = 0; t < 3; t++) {
    const code9 = nCode + String(100 + t).padStart(3, '0');
    nTowns.push({ code9, name: placeName(rng, used, '镇') });
    for (let v = 0; v < 4; v++) {
      nVillages.push({
        code12: code9 + String(200 + v).padStart(3, '0'),
        name: placeName(rng, used, '村'),
        urban: false,
        town: t,
        road: '',
        roadNo: 0,
      });
    }
  }
  return {
    province: '湖南省',
    city: '长沙市',
    countyCode,
    countyName: '青竹县',
    towns,
    villages,
    smallAreas,
    dwVillage,
    dwLocal,
    dwArea,
    dwState,
    dwCovered,
    neighbour: { code: nCode, name: '枫林市', villages: nVillages, towns: nTowns },
  };
}

/** How one source writes addresses. */
export interface AddressStyle {
  /** 0 local part only, 1 with town, 2 with county and town, 3 with province, city, county and town. */
  prefix: 0 | 1 | 2 | 3;
  building: '栋' | '幢' | '号楼';
  chineseNumerals: boolean;
  /** Write the community name before the road (urban). */
  community: boolean;
  dropRoom: boolean;
}

const CN_DIGITS = '零一二三四五六七八九';
/** 1–99 in Chinese numerals (十二, 二十, 二十三). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : CN_DIGITS[tens]!) + '十' + (ones ? CN_DIGITS[ones]! : '');
}

/** Renders the address of a dwelling in a given style. */
export function renderAddress(geo: Geography, dw: number, style: AddressStyle): string {
  const village = geo.villages[geo.dwVillage[dw]!]!;
  return renderVillageAddress(geo, village, geo.towns[village.town]!, geo.dwLocal[dw]!, style, geo.countyName);
}

/** Renders address `j` of a village (also used for the neighbouring county's register entries). */
export function renderVillageAddress(
  geo: Geography,
  village: Village,
  town: Town,
  j: number,
  style: AddressStyle,
  countyName: string,
): string {
  const num = (n: number) => (style.chineseNumerals ? chineseNumeral(n) : String(n));
  let prefix = '';
  if (style.prefix >= 3) prefix += geo.province + geo.city;
  if (style.prefix >= 2) prefix += countyName;
  if (style.prefix >= 1) prefix += town.name;
  if (village.urban) {
    const building = Math.floor(j / 144) + 1;
    const unit = (Math.floor(j / 48) % 3) + 1;
    const floor = (Math.floor(j / 4) % 12) + 1;
    const room = `${floor}0${(j % 4) + 1}`;
    return (
      prefix +
      (style.community && style.prefix >= 1 ? village.name : '') +
      `${village.road}${village.roadNo}号${num(building)}${style.building}${num(unit)}单元${room}${style.dropRoom ? '' : '室'}`
    );
  }
  const group = Math.floor(j / 40) + 1;
  const no = (j % 40) + 1;
  return `${prefix}${village.name}${num(group)}组${no}号`;
}
