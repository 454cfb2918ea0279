import { normaliseText } from './normalise-text.js';

/** Coded fields whose local spellings map to a canonical value. */
export type ValueField = 'sex' | 'presence' | 'status' | 'hukou_place' | 'utility' | 'relationship';

interface ValueVocabulary {
  /** Exact spellings (compared after `valueKey`) → canonical value; '' means "explicitly unknown". */
  exact: Record<string, string>;
  /** Fallback: first pattern found anywhere in the spelling wins (ordered: more specific first). */
  contains: Array<[RegExp, string]>;
}

/** Built-in spellings per field; the pipeline file's `values` map is consulted before these. */
const VOCABULARY: Record<Exclude<ValueField, 'relationship'>, ValueVocabulary> = {
  sex: {
    exact: {
      m: 'M', male: 'M', 男: 'M', 男性: 'M', '1': 'M', 'man': 'M',
      f: 'F', female: 'F', 女: 'F', 女性: 'F', '2': 'F', 'woman': 'F',
      // GB/T 2261.1: 0 未知的性别, 9 未说明的性别
      '0': '', '9': '', 未知: '', 未说明: '', 不详: '', u: '', unknown: '',
    },
    contains: [],
  },
  presence: {
    exact: {
      resident: 'resident', '1': 'resident', 在户: 'resident', 常住: 'resident', 居住: 'resident',
      本户: 'resident', 现住: 'resident', 在家: 'resident', 在: 'resident', 是: 'resident',
      away: 'away', '2': 'away', 外出: 'away', 离开: 'away', 不在: 'away', 不在户: 'away',
      外出半年以上: 'away', 外出不满半年: 'away', 人户分离: 'away', 否: 'away',
    },
    // 不在/外出 first: "不在户" contains "在户".
    contains: [
      [/外出|离开|不在|外地|在外|外住/, 'away'],
      [/在户|常住|居住|现住|本户|在家|暂住|寄住|借住|租住|居留/, 'resident'],
    ],
  },
  status: {
    exact: {
      active: 'active', 正常: 'active', 在册: 'active', 有效: 'active', 户籍在册: 'active', 现有: 'active',
      moved_out: 'moved_out', 迁出: 'moved_out', 已迁出: 'moved_out', 迁移: 'moved_out', 迁往: 'moved_out',
      deceased: 'deceased', 死亡: 'deceased', 已死亡: 'deceased', 去世: 'deceased', 亡故: 'deceased',
      cancelled: 'cancelled', canceled: 'cancelled', 注销: 'cancelled', 销户: 'cancelled', 已注销: 'cancelled',
    },
    // 死亡注销 is a death, 迁出注销 a move: the reason beats the act of cancelling.
    contains: [
      [/死亡|去世|亡故/, 'deceased'],
      [/迁出|迁往|迁移|外迁/, 'moved_out'],
      [/注销|销户|删除|作废/, 'cancelled'],
      [/正常|在册|有效/, 'active'],
    ],
  },
  hukou_place: {
    exact: {
      here: 'here', '1': 'here', 本村居委会: 'here', 本村: 'here', 本社区: 'here', 本居委会: 'here', 本村委会: 'here',
      town: 'town', '2': 'town', 本乡镇街道其他村居委会: 'town',
      county: 'county', '3': 'county', 本县市区其他乡镇街道: 'county',
      outside_county: 'outside_county', '4': 'outside_county', 其他县市区: 'outside_county', 外省: 'outside_county',
      省外: 'outside_county', 外县: 'outside_county', 县外: 'outside_county',
      pending: 'pending', '5': 'pending', 户口待定: 'pending', 待定: 'pending',
    },
    contains: [
      [/待定/, 'pending'],
      [/其他县|其他市|外县|县外|外省|省外|市外|区外|外市|外区|本省其他/, 'outside_county'],
      [/^本县|^本市|^本区|其他乡|其他镇|其他街道/, 'county'],
      [/^本乡|^本镇|^本街道|其他村|其他社区|其他居委/, 'town'],
      [/^本村|^本社区|^本居委|^本户/, 'here'],
    ],
  },
  utility: {
    exact: {
      water: 'water', 水: 'water', 自来水: 'water', 供水: 'water', 用水: 'water', 水费: 'water',
      electricity: 'electricity', electric: 'electricity', power: 'electricity', 电: 'electricity',
      用电: 'electricity', 电力: 'electricity', 电费: 'electricity', 供电: 'electricity',
      gas: 'gas', 气: 'gas', 燃气: 'gas', 天然气: 'gas', 煤气: 'gas', 用气: 'gas', 燃气费: 'gas', 液化气: 'gas',
    },
    contains: [
      [/气/, 'gas'],
      [/电/, 'electricity'],
      [/水/, 'water'],
    ],
  },
};

/** Comparison form of a spelling: NFKC, lower case, no whitespace, brackets and list marks. */
function valueKey(raw: string): string {
  let s = raw.normalize('NFKC').trim().toLowerCase();
  if (s.endsWith('.0')) s = s.slice(0, -2);
  return s.replace(/[\s()[\]【】〔〕、,，.。:：]/g, '');
}

type Vocab = { exact: Map<string, string>; contains: Array<[RegExp, string]> };
// Maps, not object lookups: a cell reading "constructor" must not hit Object.prototype.
const VOCAB = Object.fromEntries(
  Object.entries(VOCABULARY).map(([field, v]) => [field, { exact: new Map(Object.entries(v.exact)), contains: v.contains }]),
) as Record<Exclude<ValueField, 'relationship'>, Vocab>;

function builtIn(field: Exclude<ValueField, 'relationship'>, key: string): string | null {
  const vocab = VOCAB[field];
  const hit = vocab.exact.get(key);
  if (hit !== undefined) return hit;
  for (const [re, value] of vocab.contains) if (re.test(key)) return value;
  return null;
}

const NO_LOCAL_MAP: Record<string, string> = {};
/** Per local map (identity) and field: normalised local keys, and results per distinct raw cell. */
const caches = new WeakMap<Record<string, string>, Map<ValueField, { local: Map<string, string>; results: Map<string, string | null> }>>();
const CACHE_LIMIT = 10_000;

function cacheFor(field: ValueField, localMap: Record<string, string>) {
  let byField = caches.get(localMap);
  if (!byField) caches.set(localMap, (byField = new Map()));
  let c = byField.get(field);
  if (!c) {
    const local = new Map<string, string>();
    for (const [k, v] of Object.entries(localMap)) local.set(valueKey(k), v);
    byField.set(field, (c = { local, results: new Map() }));
  }
  return c;
}

/**
 * Canonical value of a coded cell: '' for blank (or an explicit "unknown"), null when unrecognised.
 * The local map (pipeline `values[field]`) wins; its targets may themselves be canonical or a known spelling.
 */
export function normaliseValue(field: ValueField, raw: string, localMap?: Record<string, string>): string | null {
  if (field === 'relationship') return normaliseText(raw);
  const c = cacheFor(field, localMap ?? NO_LOCAL_MAP);
  const hit = c.results.get(raw);
  if (hit !== undefined) return hit;
  const key = valueKey(raw);
  let value: string | null;
  if (key === '') value = '';
  else {
    const mapped = c.local.get(key);
    if (mapped === undefined) value = builtIn(field, key);
    else {
      const target = valueKey(mapped);
      value = target === '' ? '' : builtIn(field, target);
    }
  }
  if (c.results.size >= CACHE_LIMIT) c.results.clear();
  c.results.set(raw, value);
  return value;
}
