import { weightedPicker, type Prng } from './prng.js';

/** Surnames with shares in per cent (top of the national distribution), then a long tail. */
const SURNAMES: Array<readonly [string, number]> = [
  ['王', 7.1], ['李', 7.0], ['张', 6.8], ['刘', 5.4], ['陈', 4.6], ['杨', 3.1], ['黄', 2.6], ['赵', 2.3],
  ['吴', 2.1], ['周', 2.1], ['徐', 1.7], ['孙', 1.5], ['马', 1.5], ['朱', 1.3], ['胡', 1.3], ['郭', 1.2],
  ['何', 1.2], ['高', 1.1], ['林', 1.1], ['罗', 1.1], ['郑', 1.0], ['梁', 1.0], ['谢', 0.8], ['宋', 0.8],
  ['唐', 0.8], ['许', 0.7], ['韩', 0.7], ['冯', 0.7], ['邓', 0.7], ['曹', 0.7], ['彭', 0.6], ['曾', 0.6],
  ['肖', 0.6], ['田', 0.6], ['董', 0.5], ['袁', 0.5], ['潘', 0.5], ['于', 0.5], ['蒋', 0.5], ['蔡', 0.5],
  ['余', 0.5], ['杜', 0.5], ['叶', 0.4], ['程', 0.4], ['苏', 0.4], ['魏', 0.4], ['吕', 0.4], ['丁', 0.4],
  ['任', 0.4], ['沈', 0.3], ['姚', 0.3], ['卢', 0.3], ['姜', 0.3], ['崔', 0.3], ['钟', 0.3], ['谭', 0.3],
  ['陆', 0.3], ['汪', 0.3], ['范', 0.3], ['金', 0.3], ['石', 0.3], ['廖', 0.3], ['贾', 0.3], ['夏', 0.3],
  ['韦', 0.3], ['付', 0.3], ['方', 0.3], ['白', 0.2], ['邹', 0.2], ['孟', 0.2], ['熊', 0.2], ['秦', 0.2],
  ['邱', 0.2], ['江', 0.2], ['尹', 0.2], ['薛', 0.2], ['闫', 0.2], ['段', 0.2], ['雷', 0.2], ['侯', 0.2],
  ['龙', 0.2], ['史', 0.2], ['陶', 0.2], ['黎', 0.2], ['贺', 0.2], ['顾', 0.2], ['毛', 0.2], ['郝', 0.2],
  ['龚', 0.2], ['邵', 0.2], ['万', 0.2], ['钱', 0.2], ['严', 0.2], ['覃', 0.1], ['武', 0.1], ['戴', 0.1],
  ['莫', 0.1], ['孔', 0.1], ['向', 0.1], ['汤', 0.1], ['易', 0.1], ['伍', 0.1], ['文', 0.1],
  ...'常温康施牛洪齐庞颜倪尹殷欧葛左鲁季章耿傅喻柳祝包屈关盛管邢柴符申霍焦甄樊童齐凌尚虞温辛滕骆封邬扬苗卓蓝纪毕宫鞠芦荣池谷桂苟'.split('').map((s) => [s, 0.12] as const),
  ...'单区仇查乐解朴盖鄢蔺阙禤亓訾佘牛米艾蒲冉兰瞿柏聂褚甘卜闵晏饶靳詹路商阎糜岑宁'.split('').map((s) => [s, 0.03] as const),
  ['欧阳', 0.05], ['司马', 0.01], ['上官', 0.01], ['诸葛', 0.01], ['东方', 0.005], ['慕容', 0.005], ['令狐', 0.005],
];

/** Common given-name pieces by sex; earlier entries are drawn more often (Zipf). */
const GIVEN = {
  M: {
    single: '伟勇军杰涛斌强磊鹏明超刚平辉健波华峰浩宇亮林俊',
    first: '建志国俊子宇浩文家明晓海天振嘉博泽思一梓永德春金',
    second: '华明强军伟平杰辉轩涛豪洋宇鹏航睿阳成林龙生荣辰',
  },
  F: {
    single: '芳丽娟敏静燕艳霞玲红婷梅琳萍莉雪丹慧颖倩英兰',
    first: '秀美晓雅欣佳思子梦雨丽玉诗嘉紫晶婉慧春桂',
    second: '英兰华芳琴霞婷怡涵琪萱雪妍敏丽玲娜瑶凤红',
  },
} as const;

/** Era-typical two-character names (older people / young children). */
const OLD_NAMES = { M: ['建国', '国庆', '建军', '卫东', '红兵', '志强'], F: ['秀英', '桂兰', '桂英', '玉兰', '淑珍', '凤英'] };
const YOUNG_NAMES = { M: ['子轩', '浩然', '宇轩', '梓豪', '一鸣', '俊熙'], F: ['梓涵', '一诺', '欣怡', '雨涵', '子涵', '可馨'] };

/** Minority names with a middle dot (written '·'). */
const DOT_NAMES = {
  M: ['买买提·吐尔逊', '艾力·阿不都', '阿卜杜拉·买买提', '努尔·艾合买提', '吐尔洪·艾力', '扎西·多吉'],
  F: ['阿依古丽·艾买提', '古丽米拉·阿卜杜拉', '热依拉·吐尔逊', '帕提古丽·买买提', '卓玛·次仁', '米热古丽·艾力'],
};

/** Rare characters (some outside the Basic Multilingual Plane) used now and then in given names. */
export const RARE_CHARS = ['𠇔', '𬌗', '𫖮', '𬘡', '喆', '堃', '昇', '淏'];

function zipf(chars: string, s = 1.0): Array<readonly [string, number]> {
  return [...chars].map((c, i) => [c, 1 / Math.pow(i + 1, s)] as const);
}

const pickSurname = weightedPicker(SURNAMES.filter(([, w]) => w > 0));
const pickers = {
  M: { single: weightedPicker(zipf(GIVEN.M.single)), first: weightedPicker(zipf(GIVEN.M.first)), second: weightedPicker(zipf(GIVEN.M.second)) },
  F: { single: weightedPicker(zipf(GIVEN.F.single)), first: weightedPicker(zipf(GIVEN.F.first)), second: weightedPicker(zipf(GIVEN.F.second)) },
};

export function drawSurname(rng: Prng): string {
  return pickSurname(rng);
}

/** A given name typical of the birth year: single characters common among older people, era names now and then. */
export function drawGivenName(rng: Prng, sex: 'M' | 'F', birthYear: number): string {
  const p = pickers[sex];
  const x = rng.next();
  if (birthYear < 1970 && x < 0.08) return rng.pick(OLD_NAMES[sex]);
  if (birthYear >= 2008 && x < 0.12) return rng.pick(YOUNG_NAMES[sex]);
  const singleShare = birthYear < 1980 ? 0.45 : birthYear < 2000 ? 0.35 : 0.2;
  if (rng.next() < singleShare) return p.single(rng);
  const second = rng.next() < 0.0005 ? rng.pick(RARE_CHARS) : p.second(rng);
  return p.first(rng) + second;
}

/** A whole name; `dotShare` of names are minority names with a middle dot. */
export function drawName(rng: Prng, sex: 'M' | 'F', birthYear: number, surname?: string, dotShare = 0): string {
  if (dotShare > 0 && rng.next() < dotShare) return rng.pick(DOT_NAMES[sex]);
  return (surname ?? drawSurname(rng)) + drawGivenName(rng, sex, birthYear);
}

/** Homophone, near-homophone (n/l, in/ing) and look-alike confusions seen in data entry. */
const CONFUSABLE: Record<string, string[]> = {
  丽: ['莉', '力', '利'], 莉: ['丽', '利'], 华: ['化', '桦'], 芳: ['方', '仿'], 静: ['敬', '晶', '婧'], 敏: ['民', '闽'],
  军: ['君', '均'], 伟: ['玮', '炜', '卫'], 红: ['宏', '洪'], 明: ['铭', '鸣'], 玲: ['林', '宁', '琳'], 宁: ['玲', '凝'],
  南: ['兰', '楠'], 兰: ['南', '岚'], 梅: ['媚', '玫'], 霞: ['侠', '夏'], 燕: ['艳', '雁'], 艳: ['燕', '彦'], 娟: ['鹃', '涓'],
  杰: ['洁', '捷'], 涛: ['滔', '焘'], 斌: ['彬', '滨'], 辉: ['晖', '徽'], 鹏: ['朋', '彭'], 俊: ['骏', '峻'], 婷: ['亭', '庭'],
  秀: ['绣', '琇'], 平: ['萍', '苹'], 萍: ['平', '苹'], 云: ['芸', '耘'], 英: ['瑛', '鹰'], 强: ['蔷'], 勇: ['永', '涌'],
  刚: ['钢', '纲'], 波: ['博'], 峰: ['锋', '丰'], 浩: ['皓', '灏'], 宇: ['雨', '语'], 亮: ['靓', '量'], 林: ['琳', '淋'],
  雪: ['学'], 丹: ['单', '旦'], 慧: ['惠', '蕙'], 颖: ['莹', '影'], 倩: ['茜'], 琴: ['芹', '勤'], 凤: ['风', '峰'],
  建: ['健', '剑'], 国: ['帼'], 志: ['智', '至'], 文: ['雯', '闻'], 海: ['凯'], 晓: ['小', '筱'], 春: ['椿'], 桂: ['贵'],
  玉: ['钰', '王'], 己: ['已'], 未: ['末'], 轩: ['萱'], 涵: ['晗', '含'], 欣: ['鑫', '馨'], 怡: ['宜', '仪'], 琪: ['淇', '琦'],
  娜: ['那'], 瑶: ['遥', '姚'], 妍: ['研', '艳'], 梓: ['子'], 子: ['紫', '梓'], 一: ['依', '亦'],
};

/** Replaces one given-name character by a confusable one; returns the name unchanged when none applies. */
export function confuseName(name: string, r: number): string {
  const chars = [...name];
  if (name.includes('·')) return name;
  const start = chars.length > 2 && chars.slice(0, 2).join('').length === 2 && COMPOUND.has(chars.slice(0, 2).join('')) ? 2 : 1;
  const positions: number[] = [];
  for (let i = start; i < chars.length; i++) if (CONFUSABLE[chars[i]!]) positions.push(i);
  if (positions.length === 0) return name;
  const pos = positions[Math.floor(r * positions.length)]!;
  const options = CONFUSABLE[chars[pos]!]!;
  chars[pos] = options[Math.floor(((r * 7919) % 1) * options.length)]!;
  return chars.join('');
}

const COMPOUND = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '慕容', '令狐']);

/** Middle-dot variants that NFKC does not unify. */
export const DOT_VARIANTS = ['•', '・', '．', '·'];
