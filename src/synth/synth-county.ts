import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINDING_TYPES, type FindingType, type SourceKind } from '../model.js';
import { CsvSink } from './csv-sink.js';
import { IntegerSet, createPrng, weightedPicker, type Prng } from './prng.js';
import {
  dateSwap,
  dateTypo,
  dayNumber,
  formatDate,
  fromDayNumber,
  isoDate,
  scaleDirtRates,
  traditionalName,
  ymdNumber,
  type DateFormat,
  type DirtRates,
  type Ymd,
} from './synth-dirt.js';
import {
  DWELLING_STATES as S,
  buildGeography,
  renderAddress,
  renderVillageAddress,
  type AddressStyle,
  type Geography,
} from './synth-geography.js';
import {
  idCheckPasses,
  makeIdNumber,
  toFullwidth,
  toLegacy15,
  toScientific,
  toTrailingZeros,
  transposeIdNumber,
  typoIdNumber,
} from './synth-id-number.js';
import { DOT_VARIANTS, RARE_CHARS, confuseName, drawName, drawSurname } from './synth-names.js';
import { SYNTH_SOURCES, buildSynthPipeline } from './synth-sources.js';
import { TRUTH_RULES, emptyFacts, idCollisions, type PersonFacts, type RecordFact, type TruthFinding } from './synth-truth.js';
import { TRUTH_README } from './truth-readme.js';

export interface SynthOptions {
  /** Approximate number of people in the county's world. */
  persons: number;
  seed: number;
  outDir: string;
  /** Multiplies every dirt rate (typos, damaged IDs, broken rows …); default 1. */
  errorRateScale?: number;
  /** 6-digit county code; default 430124. */
  areaPrefix?: string;
}

export interface SynthSummary {
  persons: number;
  dwellings: number;
  /** Data rows written per source name (broken rows included). */
  rows: Record<string, number>;
  /** Deliberately broken rows per source name. */
  broken: Record<string, number>;
  /** Planted findings per type. */
  findings: Record<FindingType, number>;
}

const REF = 20201101;
const REF_DAY = dayNumber(2020, 11, 1);
const SCHOOL_FROM = 20020901;
const SCHOOL_TO = 20140831;
const PERIODS = Array.from({ length: 12 }, (_, i) => {
  const m = ((10 + i) % 12) + 1;
  return `${i < 2 ? 2019 : 2020}-${String(m).padStart(2, '0')}`;
});

const OLD_LOCAL_CODE = '432321';
const PROVINCE_CODES = ['430102', '430203', '430302', '430421', '430521', '430602', '430702', '430802', '430902', '431002', '431102', '431202', '431302', '433101'];
const OTHER_PROVINCES: Array<readonly [string, string]> = [
  ['440304', '广东省深圳市福田区'], ['450102', '广西壮族自治区南宁市兴宁区'], ['360102', '江西省南昌市东湖区'], ['420106', '湖北省武汉市武昌区'],
  ['500101', '重庆市万州区'], ['510107', '四川省成都市武侯区'], ['520102', '贵州省贵阳市南明区'], ['330106', '浙江省杭州市西湖区'],
  ['350102', '福建省福州市鼓楼区'], ['410105', '河南省郑州市金水区'], ['620102', '甘肃省兰州市城关区'], ['650102', '新疆维吾尔自治区乌鲁木齐市天山区'],
];
const SCHOOL_GRADES = ['一年级', '二年级', '三年级', '四年级', '五年级', '六年级', '初一', '初二', '初三', '高一', '高二', '高三'];

type Residence = 'here' | 'elsewhere' | 'outside';
type Hukou = 'here' | 'neighbour' | 'neighbourNoEntry' | 'province' | 'none';

interface Person {
  tp: number;
  trueId: string;
  name: string;
  sex: 'M' | 'F';
  birth: Ymd;
  birthNum: number;
  id: string;
  relation: string;
  mother: Person | null;
  father: Person | null;
  deathNum: number;
  death: Ymd | null;
  residence: Residence;
  hukou: Hukou;
  /** Another person's valid ID carried in one record (一号多人). */
  wrongId: string;
  facts: PersonFacts;
}

interface PersonSourceProfile {
  dates: (rng: Prng) => DateFormat;
  sex: (rng: Prng) => SexTokens;
  address: (rng: Prng) => AddressStyle;
  legacy15: number;
  lowerX: number;
  damaged: keyof Pick<DirtRates, 'idDamaged' | 'idDamagedSpreadsheet'>;
  rarePlaceholder: boolean;
}

type SexTokens = readonly [string, string];
const SEX_CN: SexTokens = ['男', '女'];
const SEX_NUM: SexTokens = ['1', '2'];
const SEX_EN: SexTokens = ['M', 'F'];

function style(prefix: AddressStyle['prefix'], building: AddressStyle['building'], chineseNumerals = false, community = false, dropRoom = false): AddressStyle {
  return { prefix, building, chineseNumerals, community, dropRoom };
}
function stylePicker(items: Array<readonly [AddressStyle, number]>): (rng: Prng) => AddressStyle {
  return weightedPicker(items);
}

const PROFILES: Record<Exclude<SourceKind, 'utilities'>, PersonSourceProfile> = {
  enumeration: {
    dates: weightedPicker<DateFormat>([['iso', 85], ['dash', 10], ['cn', 5]]),
    sex: weightedPicker([[SEX_CN, 95], [SEX_NUM, 5]]),
    address: stylePicker([[style(1, '栋'), 45], [style(0, '栋'), 35], [style(2, '栋'), 8], [style(1, '幢'), 6], [style(0, '栋', true), 6]]),
    legacy15: 0.05,
    lowerX: 0.15,
    damaged: 'idDamaged',
    rarePlaceholder: false,
  },
  register: {
    dates: weightedPicker<DateFormat>([['compact', 80], ['iso', 15], ['slash', 5]]),
    sex: weightedPicker([[SEX_CN, 70], [SEX_NUM, 30]]),
    address: stylePicker([[style(3, '栋', false, true), 45], [style(3, '栋'), 20], [style(3, '幢', false, true), 15], [style(2, '栋', true), 10], [style(2, '幢'), 10]]),
    legacy15: 0.3,
    lowerX: 0.05,
    damaged: 'idDamaged',
    rarePlaceholder: true,
  },
  births: {
    dates: weightedPicker<DateFormat>([['cn', 50], ['slash', 30], ['iso', 20]]),
    sex: weightedPicker([[SEX_CN, 90], [SEX_EN, 10]]),
    address: stylePicker([[style(3, '栋'), 45], [style(2, '号楼'), 30], [style(1, '栋'), 25]]),
    legacy15: 0,
    lowerX: 0.3,
    damaged: 'idDamagedSpreadsheet',
    rarePlaceholder: false,
  },
  schooling: {
    dates: weightedPicker<DateFormat>([['slashShort', 40], ['dash', 40], ['compact', 20]]),
    sex: weightedPicker([[SEX_EN, 50], [SEX_NUM, 30], [SEX_CN, 20]]),
    address: stylePicker([[style(2, '栋'), 35], [style(0, '号楼'), 35], [style(0, '栋', true), 15], [style(1, '幢', false, false, true), 15]]),
    legacy15: 0,
    lowerX: 0.4,
    damaged: 'idDamagedSpreadsheet',
    rarePlaceholder: true,
  },
  deaths: {
    dates: weightedPicker<DateFormat>([['dash', 50], ['iso', 30], ['cn', 20]]),
    sex: weightedPicker([[SEX_CN, 100]]),
    address: stylePicker([[style(2, '栋'), 100]]),
    legacy15: 0.2,
    lowerX: 0.2,
    damaged: 'idDamaged',
    rarePlaceholder: true,
  },
};
const UTILITY_STYLE = stylePicker([[style(1, '号楼', false, false, true), 35], [style(0, '栋'), 30], [style(1, '幢'), 20], [style(2, '栋', true), 15]]);
const HUKOU_PLACE_CODE = { here: '1', town: '2', county: '3', outside_county: '4', pending: '5' } as const;

type EnumOptions = {
  dw: number;
  household: string;
  relation: string;
  resident: boolean;
  hukouPlace: keyof typeof HUKOU_PLACE_CODE;
  hukouAddress: string;
  protect: boolean;
};

/** The generator's state for one run. */
class CountyWriter {
  readonly rng: Prng;
  readonly rates: DirtRates;
  readonly geo: Geography;
  readonly sinks: Record<SourceKind, CsvSink>;
  readonly truthPersons: CsvSink;
  readonly truthFindings: CsvSink;
  readonly truthBroken: CsvSink;
  readonly findingCounts = Object.fromEntries(FINDING_TYPES.map((t) => [t, 0])) as Record<FindingType, number>;
  readonly brokenCounts: Record<string, number> = {};
  private readonly usedIds = new IntegerSet();
  private readonly codeIndex = new Map<string, number>();
  private readonly householdSeq: Int32Array;
  private readonly keys: Record<SourceKind, number> = { enumeration: 0, register: 0, births: 0, schooling: 0, utilities: 0, deaths: 0 };
  private neighbourHouseholds = 0;
  private tp = 0;
  private batch: Person[] = [];
  readonly rented: Int32Array;
  readonly families: Int32Array;

  constructor(opts: Required<Omit<SynthOptions, 'outDir'>> & { outDir: string }) {
    this.rng = createPrng(opts.seed);
    this.rates = scaleDirtRates(opts.errorRateScale);
    this.geo = buildGeography(this.rng, opts.persons, opts.areaPrefix);
    this.householdSeq = new Int32Array(this.geo.smallAreas.length);
    const sinks = {} as Record<SourceKind, CsvSink>;
    for (const src of Object.values(SYNTH_SOURCES)) {
      sinks[src.kind] = new CsvSink(join(opts.outDir, src.file), Object.values(src.columns), src.dialect);
      this.brokenCounts[src.name] = 0;
    }
    this.sinks = sinks;
    const truth = join(opts.outDir, 'truth');
    const plain = { bom: false, crlf: false, encoding: 'utf8' } as const;
    this.truthPersons = new CsvSink(join(truth, 'persons.csv'), ['record_ref', 'true_person'], plain);
    this.truthFindings = new CsvSink(join(truth, 'findings.csv'), ['type', 'record_refs', 'area_code', 'detail'], plain);
    this.truthBroken = new CsvSink(join(truth, 'broken.csv'), ['source', 'line'], plain);
    const rented: number[] = [];
    const families: number[] = [];
    this.geo.dwState.forEach((s, i) => {
      if (s === S.RENTED) rented.push(i);
      if (s === S.FAMILY) families.push(i);
    });
    this.rented = Int32Array.from(rented);
    this.families = Int32Array.from(families);
  }

  get personCount(): number {
    return this.tp;
  }

  // ------------------------------------------------------------------ people

  private area15(dw: number): string {
    return this.geo.smallAreas[this.geo.dwArea[dw]!]!.code15;
  }
  private village12(dw: number): string {
    return this.geo.villages[this.geo.dwVillage[dw]!]!.code12;
  }

  newPerson(sex: 'M' | 'F', birthDay: number, relation: string, surname: string | undefined, homeDw: number, dotShare = 0): Person {
    const birth = fromDayNumber(birthDay);
    const tp = ++this.tp;
    const trueId = `T${String(tp).padStart(8, '0')}`;
    const p: Person = {
      tp,
      trueId,
      name: drawName(this.rng, sex, birth.y, surname, dotShare),
      sex,
      birth,
      birthNum: ymdNumber(birth),
      id: '',
      relation,
      mother: null,
      father: null,
      deathNum: 0,
      death: null,
      residence: 'here',
      hukou: 'here',
      wrongId: '',
      facts: emptyFacts(trueId, this.area15(homeDw)),
    };
    p.facts.bornAfterRef = p.birthNum >= REF;
    this.batch.push(p);
    return p;
  }

  /** Issues a unique, valid ID number with the given address code. */
  issueId(p: Person, code: string): void {
    let ci = this.codeIndex.get(code);
    if (ci === undefined) this.codeIndex.set(code, (ci = this.codeIndex.size));
    const ymd = String(p.birthNum);
    for (;;) {
      const seq = 2 * this.rng.int(500) + (p.sex === 'M' ? 1 : 0);
      const key = ci * 1e11 + p.birthNum * 1000 + seq;
      if (!this.usedIds.add(key)) continue;
      p.id = makeIdNumber(code, ymd, seq);
      return;
    }
  }

  private localCode(p: Person): string {
    return p.birth.y < 1985 && this.rng.chance(0.4) ? OLD_LOCAL_CODE : this.geo.countyCode;
  }

  private birthDayForAge(age: number): number {
    return REF_DAY - Math.floor(age * 365.25) - this.rng.int(365);
  }

  /** A registered local family: head first, with spouse, children, parents as the household type says. */
  makeLocalFamily(dw: number): Person[] {
    const r = this.rng;
    const x = r.next();
    const members: Person[] = [];
    const surname = drawSurname(r);
    const other = (): 'M' | 'F' => (r.chance(0.5) ? 'M' : 'F');
    const couple = (hAge: number, headRel = '户主'): [Person, Person] => {
      const husband = this.newPerson('M', this.birthDayForAge(hAge), headRel, surname, dw);
      const wife = this.newPerson('F', this.birthDayForAge(Math.max(20, hAge - r.int(5))), headRel === '户主' ? '配偶' : '儿媳', undefined, dw);
      return [husband, wife];
    };
    const kids = (mother: Person, father: Person, relation: string, max: number): void => {
      let day = dayNumber(mother.birth.y, mother.birth.m, mother.birth.d) + Math.floor((21 + r.int(13)) * 365.25) + r.int(365);
      const n = r.chance(0.45) ? 1 : r.chance(0.8) ? 2 : 3;
      for (let k = 0; k < Math.min(n, max); k++) {
        if (day >= REF_DAY + 60 || REF_DAY - day > 28 * 365) break;
        const kid = this.newPerson(other(), day, relation, r.chance(0.9) ? surname : mother.name.slice(0, 1), dw);
        kid.mother = mother;
        kid.father = father;
        members.push(kid);
        day += Math.floor((2 + r.int(5)) * 365.25) + r.int(200);
      }
    };
    if (x < 0.1) {
      members.push(this.newPerson(other(), this.birthDayForAge(62 + r.int(14) + r.int(16)), '户主', surname, dw));
    } else if (x < 0.24) {
      members.push(...couple(58 + r.int(16) + r.int(14)));
    } else if (x < 0.32) {
      members.push(this.newPerson(other(), this.birthDayForAge(22 + r.int(39)), '户主', surname, dw));
    } else if (x < 0.42) {
      members.push(...couple(24 + r.int(37)));
    } else if (x < 0.8) {
      const [h, w] = couple(25 + r.int(31));
      members.push(h, w);
      kids(w, h, '子女', 3);
    } else {
      const [gf, gm] = couple(50 + r.int(16) + r.int(14));
      members.push(gf, gm);
      const sonAge = Math.max(24, 2020 - gf.birth.y - (24 + r.int(9)));
      const son = this.newPerson('M', this.birthDayForAge(sonAge), '子女', surname, dw);
      const dil = this.newPerson('F', this.birthDayForAge(Math.max(21, sonAge - r.int(4))), '儿媳', undefined, dw);
      son.mother = gm;
      son.father = gf;
      members.push(son, dil);
      kids(dil, son, '孙子女', 2);
    }
    return members;
  }

  /** An in-migrant household: single worker, couple, or couple with children. */
  makeMigrantFamily(dw: number, dotShare: number): Person[] {
    const r = this.rng;
    const x = r.next();
    const surname = dotShare > 0 ? undefined : drawSurname(r);
    const members: Person[] = [];
    if (x < 0.4) {
      members.push(this.newPerson(r.chance(0.55) ? 'M' : 'F', this.birthDayForAge(18 + r.int(33)), '户主', surname, dw, dotShare));
      return members;
    }
    const hAge = x < 0.65 ? 20 + r.int(36) : 25 + r.int(21);
    const h = this.newPerson('M', this.birthDayForAge(hAge), '户主', surname, dw, dotShare);
    const w = this.newPerson('F', this.birthDayForAge(Math.max(19, hAge - r.int(5))), '配偶', undefined, dw, dotShare);
    members.push(h, w);
    if (x >= 0.65) {
      let day = dayNumber(w.birth.y, w.birth.m, w.birth.d) + Math.floor((21 + r.int(12)) * 365.25) + r.int(365);
      const n = r.chance(0.5) ? 1 : 2;
      for (let k = 0; k < n && day < REF_DAY; k++) {
        const kid = this.newPerson(r.chance(0.5) ? 'M' : 'F', day, '子女', surname, dw, dotShare);
        kid.mother = w;
        kid.father = h;
        members.push(kid);
        day += Math.floor((2 + r.int(5)) * 365.25);
      }
    }
    return members;
  }

  // ------------------------------------------------------------------ record fields with dirt

  private nameOut(p: Person, profile: PersonSourceProfile): { out: string; val: string } {
    const r = this.rng;
    let val = p.name;
    if (r.chance(this.rates.nameTypo)) val = confuseName(val, r.next());
    if (profile.rarePlaceholder && RARE_CHARS.some((c) => val.includes(c)) && r.chance(this.rates.rarePlaceholder)) {
      for (const c of RARE_CHARS) val = val.replace(c, '?');
    }
    let out = val;
    if (r.chance(this.rates.traditional)) out = traditionalName(out);
    if (out.includes('·') && r.chance(this.rates.dotVariant)) out = out.replace('·', r.pick(DOT_VARIANTS));
    if (r.chance(this.rates.nameSpace)) out = out.length === 2 ? `${out[0]} ${out[1]}` : `${out} `;
    return { out, val };
  }

  /** The ID as written and as a correct normaliser would read it. */
  private idOut(p: Person, profile: PersonSourceProfile, blankShare: number, useWrong: boolean): { out: string; val: string; valid: boolean } {
    const r = this.rng;
    const id = useWrong && p.wrongId ? p.wrongId : p.id;
    if (!id) return { out: '', val: '', valid: false };
    if (r.chance(blankShare)) return { out: '', val: '', valid: false };
    if (r.chance(this.rates.idZeros)) return { out: '000000000000000000', val: '', valid: false };
    if (r.chance(this.rates[profile.damaged])) {
      // Damaged numbers are flagged (ATTRIBUTE_CONFLICT ID_NUMBER) but identify nobody.
      const dmg = r.chance(0.5) ? toScientific(id) : toTrailingZeros(id);
      if (dmg) return { out: dmg, val: dmg, valid: false };
    }
    let val = id;
    if (r.chance(this.rates.idTypo)) val = typoIdNumber(id, r.next(), r.next());
    else if (r.chance(this.rates.idTranspose)) val = transposeIdNumber(id, r.next()) ?? id;
    const valid = val === id || idCheckPasses(val);
    let out = val;
    if (val === id && profile.legacy15 > 0 && p.birth.y < 1960 && r.chance(profile.legacy15)) out = toLegacy15(id) ?? id;
    if (out.endsWith('X')) {
      if (r.chance(profile.lowerX)) out = out.slice(0, -1) + 'x';
      else if (r.chance(this.rates.idTimesSign)) out = out.slice(0, -1) + '×';
    }
    if (r.chance(this.rates.idFullwidth)) out = toFullwidth(out);
    return { out, val, valid };
  }

  private sexOut(p: Person, profile: PersonSourceProfile): { out: string; val: 'M' | 'F' } {
    const val = this.rng.chance(this.rates.sexFlip) ? (p.sex === 'M' ? 'F' : 'M') : p.sex;
    const tokens = profile.sex(this.rng);
    return { out: val === 'M' ? tokens[0] : tokens[1], val };
  }

  private dateOut(t: Ymd, profile: PersonSourceProfile, dirty: boolean): { out: string; val: string } {
    const r = this.rng;
    let v: Ymd = t;
    if (dirty) {
      if (r.chance(this.rates.dateTypo)) v = dateTypo(t, r, REF) ?? t;
      else if (r.chance(this.rates.dateSwap)) v = dateSwap(t, REF) ?? t;
    }
    return { out: formatDate(v.y, v.m, v.d, profile.dates(r)), val: isoDate(v) };
  }

  // ------------------------------------------------------------------ writing

  private nextKey(kind: SourceKind, prefix: string, width: number): string {
    return prefix + String(++this.keys[kind]).padStart(width, '0');
  }

  /**
   * Writes a person row, or a deliberately broken version of it (then returns null).
   * `nameCol` / `idCol` / `dateCol` say which cells can be blanked or garbled to break the row
   * (a row missing its identity blanks both name and ID, or the record key when the source has no ID column).
   */
  private writePersonRow(kind: SourceKind, cells: string[], nameCol: number, idCol: number, dateCol: number, protect: boolean): boolean {
    const sink = this.sinks[kind];
    const source = SYNTH_SOURCES[kind].name;
    if (!protect && this.rng.chance(this.rates.broken)) {
      const how = this.rng.int(4);
      let line: number;
      if (how === 0) line = sink.writeRow([...cells, '备注']);
      else if (how === 1) line = sink.writeRow(cells.map((c, i) => (i === nameCol || i === idCol || (idCol < 0 && i === 0) ? '' : c)));
      else if (how === 2) {
        // Unparseable date and no ID number to recover it from.
        const bad = this.rng.pick(['不详', '1985-13-45', '0000-00-00']);
        line = sink.writeRow(cells.map((c, i) => (i === dateCol ? bad : i === idCol ? '' : c)));
      }
      else {
        // A quoted field with an embedded line break that swallows the next cell: one cell short.
        const j = Math.min(nameCol, cells.length - 2);
        const merged = [...cells.slice(0, j), `${cells[j]}\n${cells[j + 1]},`, ...cells.slice(j + 2)];
        line = sink.writeRow(merged);
      }
      this.truthBroken.writeRow([source, String(line)]);
      this.brokenCounts[source]!++;
      return false;
    }
    sink.writeRow(cells);
    return true;
  }

  private accept(p: Person, ref: string, fact: Omit<RecordFact, 'ref'>): void {
    p.facts.records.push({ ref, ...fact });
    this.truthPersons.writeRow([ref, p.trueId]);
  }

  emitEnumeration(p: Person, o: EnumOptions): void {
    const prof = PROFILES.enumeration;
    const key = this.nextKey('enumeration', 'E', 9);
    const ref = `census:${key}`;
    const area = this.geo.smallAreas[this.geo.dwArea[o.dw]!]!;
    const ageYears = (REF - p.birthNum) / 10000;
    const name = this.nameOut(p, prof);
    const id = this.idOut(p, prof, ageYears < 1 ? 0.5 : ageYears < 3 ? 0.2 : ageYears >= 80 ? 0.1 : 0.005, this.rng.chance(0.5));
    const sex = this.sexOut(p, prof);
    const birth = this.dateOut(p.birth, prof, true);
    const cells = [
      key,
      area.code15,
      area.enumeratorId,
      o.household,
      renderAddress(this.geo, o.dw, prof.address(this.rng)),
      name.out,
      id.out,
      sex.out,
      birth.out,
      o.relation,
      o.resident ? '在户' : '外出',
      HUKOU_PLACE_CODE[o.hukouPlace],
      o.hukouAddress,
    ];
    if (!this.writePersonRow('enumeration', cells, 5, 6, 8, o.protect)) return;
    this.accept(p, ref, { name: name.val, sex: sex.val, birth: birth.val, id: id.val, idValid: id.valid });
    if (o.resident) {
      p.facts.resident.push({ ref, area15: area.code15, village12: this.village12(o.dw), dwelling: o.dw });
      if (o.hukouPlace === 'outside_county') p.facts.declaredOutside = true;
    } else p.facts.away.push(ref);
  }

  newHousehold(dw: number): string {
    const a = this.geo.dwArea[dw]!;
    return this.geo.smallAreas[a]!.code15 + String(++this.householdSeq[a]!).padStart(4, '0');
  }

  householdNo(dw: number): string {
    return String(100_000_000 + dw + 1);
  }

  /** A register row at an in-county dwelling (dw ≥ 0) or in the neighbouring county (dw < 0). */
  emitRegister(p: Person, dw: number, status: '正常' | '迁出' | '死亡' | '注销', statusDate: Ymd | null): void {
    const prof = PROFILES.register;
    const key = this.nextKey('register', 'R', 9);
    const ref = `hukou:${key}`;
    let village12: string;
    let address: string;
    let householdNo: string;
    if (dw >= 0) {
      village12 = this.village12(dw);
      address = renderAddress(this.geo, dw, prof.address(this.rng));
      householdNo = this.householdNo(dw);
    } else {
      const n = this.geo.neighbour;
      const v = this.rng.pick(n.villages);
      village12 = v.code12;
      address = renderVillageAddress(this.geo, v, n.towns[v.town]!, this.rng.int(400), style(3, '栋'), n.name);
      householdNo = String(900_000_000 + ++this.neighbourHouseholds);
    }
    const name = this.nameOut(p, prof);
    const id = this.idOut(p, prof, 0, true);
    const sex = this.sexOut(p, prof);
    const birth = this.dateOut(p.birth, prof, true);
    const cells = [
      key,
      householdNo,
      village12,
      address,
      name.out,
      id.out,
      sex.out,
      birth.out,
      p.relation,
      status,
      statusDate ? formatDate(statusDate.y, statusDate.m, statusDate.d, 'compact') : '',
    ];
    if (!this.writePersonRow('register', cells, 4, 5, 7, false)) return;
    this.accept(p, ref, { name: name.val, sex: sex.val, birth: birth.val, id: id.val, idValid: id.valid });
    const inScope = dw >= 0;
    const state = inScope ? this.geo.dwState[dw]! : -1;
    // Utility occupancy corroborates a register entry only where no household was enumerated (otherwise the
    // enumerated household explains the consumption); in this world that is exactly the OCCUPIED_NOT_ENUMERATED state.
    const occupiedUnenumerated = inScope && this.geo.dwCovered[dw] === 1 && state === S.OCCUPIED_NOT_ENUMERATED;
    p.facts.register.push({ ref, active: status === '正常', inScope, village12, dwelling: dw, occupiedUnenumerated, area15: inScope ? this.area15(dw) : '' });
  }

  emitBirth(child: Person, dw: number): void {
    const prof = PROFILES.births;
    const r = this.rng;
    const key = this.nextKey('births', 'Q', 9);
    const ref = `births:${key}`;
    const named = r.chance(0.45);
    const name = named ? this.nameOut(child, prof) : { out: '', val: '' };
    const sex = this.sexOut(child, prof);
    const birth = this.dateOut(child.birth, prof, true);
    const mother = child.mother;
    const motherName = mother ? (r.chance(this.rates.traditional) ? traditionalName(mother.name) : mother.name) : drawName(r, 'F', child.birth.y - 28);
    const motherId = mother?.id ? (r.chance(0.2) ? mother.id.replace(/X$/, 'x') : mother.id) : '';
    const father = child.father;
    const cells = [
      key,
      name.out,
      sex.out,
      birth.out,
      motherName,
      motherId,
      father && r.chance(0.85) ? father.name : '',
      father?.id && r.chance(0.7) ? father.id : '',
      renderAddress(this.geo, dw, prof.address(r)),
      r.chance(0.5) ? this.village12(dw) : '',
    ];
    if (!this.writePersonRow('births', cells, 4, -1, 3, false)) return;
    this.accept(child, ref, { name: name.val, sex: sex.val, birth: birth.val, id: '', idValid: false });
    child.facts.births.push({ ref, beforeRef: birth.val < '2020-11-01', area15: this.area15(dw) });
  }

  emitSchool(p: Person, dw: number): void {
    const prof = PROFILES.schooling;
    const r = this.rng;
    const key = this.nextKey('schooling', 'XJ', 9);
    const ref = `school:${key}`;
    const name = this.nameOut(p, prof);
    const id = this.idOut(p, prof, 0.05, false);
    const sex = this.sexOut(p, prof);
    const birth = this.dateOut(p.birth, prof, true);
    const schoolYear = p.birthNum >= 20130901 ? 0 : Math.min(11, Math.floor((20130901 - p.birthNum) / 10000) + 1);
    const town = this.geo.towns[this.geo.villages[this.geo.dwVillage[dw]!]!.town]!;
    const school = schoolYear < 6 ? `${town.name.slice(0, 2)}中心小学` : schoolYear < 9 ? `${town.name.slice(0, 2)}中学` : `${this.geo.countyName}第一中学`;
    const guardian = p.mother && r.chance(0.5) ? p.mother : p.father ?? p.mother;
    const cells = [
      key,
      name.out,
      id.out,
      sex.out,
      birth.out,
      school,
      SCHOOL_GRADES[schoolYear]!,
      renderAddress(this.geo, dw, prof.address(r)),
      guardian?.name ?? '',
      guardian?.id && r.chance(0.8) ? guardian.id : '',
    ];
    if (!this.writePersonRow('schooling', cells, 1, 2, 4, false)) return;
    this.accept(p, ref, { name: name.val, sex: sex.val, birth: birth.val, id: id.val, idValid: id.valid });
    p.facts.school.push({ ref, area15: this.area15(dw) });
  }

  emitDeath(p: Person): void {
    const prof = PROFILES.deaths;
    const r = this.rng;
    const key = this.nextKey('deaths', 'D', 8);
    const ref = `deaths:${key}`;
    const name = this.nameOut(p, prof);
    const id = this.idOut(p, prof, 0.12, false);
    const sex = this.sexOut(p, prof);
    const withBirth = r.chance(0.8);
    const birth = withBirth ? this.dateOut(p.birth, prof, true) : { out: '', val: '' };
    const death = p.death!;
    const cells = [key, name.out, id.out, sex.out, birth.out, formatDate(death.y, death.m, death.d, prof.dates(r))];
    if (!this.writePersonRow('deaths', cells, 1, 2, 5, false)) return;
    this.accept(p, ref, { name: name.val, sex: sex.val, birth: birth.val, id: id.val, idValid: id.valid });
    if (p.deathNum < REF) p.facts.deathsBeforeRef.push(ref);
  }

  /** Twelve months of one or two accounts; returns the accepted utility refs. */
  emitUtilities(dw: number, pattern: 'occupied' | 'vacant' | 'movedOut', holder: Person | null): string[] {
    const r = this.rng;
    const sink = this.sinks.utilities;
    const refs: string[] = [];
    const kinds: Array<'电' | '水' | '燃气'> = [r.chance(0.75) ? '电' : '水'];
    if (r.chance(0.15)) kinds.push(kinds[0] === '电' ? (r.chance(0.5) ? '燃气' : '水') : '电');
    const protect = this.geo.dwState[dw] !== S.FAMILY && this.geo.dwState[dw] !== S.RENTED;
    const village12 = this.village12(dw);
    for (const kind of kinds) {
      const address = renderAddress(this.geo, dw, UTILITY_STYLE(r));
      const holderName = holder && r.chance(0.85) ? holder.name : drawName(r, r.chance(0.5) ? 'M' : 'F', 1970);
      const holderId = holder?.id && r.chance(0.5) ? holder.id : '';
      const areaCode = r.chance(0.4) ? village12 : '';
      const base = kind === '电' ? 60 + r.int(300) : kind === '水' ? 4 + r.int(18) : 6 + r.int(25);
      const movedAt = 3 + r.int(5);
      PERIODS.forEach((period, i) => {
        const active = pattern === 'occupied' || (pattern === 'movedOut' && i < movedAt);
        let use: number;
        if (active) use = Math.max(kind === '电' ? 40 : 3, Math.round(base * (0.7 + 0.6 * r.next())));
        else use = kind === '电' ? r.int(6) : 0;
        if (pattern === 'occupied' && i < 8 && r.chance(0.03)) use = 0;
        const key = this.nextKey('utilities', 'U', 10);
        const cells = [key, kind, holderName, holderId, address, areaCode, period, String(use)];
        if (!protect && i < 8 && r.chance(this.rates.broken)) {
          const line = r.chance(0.5) ? sink.writeRow([...cells, '0']) : sink.writeRow(cells.map((c, k) => (k === 6 ? '' : c)));
          this.truthBroken.writeRow(['utility', String(line)]);
          this.brokenCounts.utility!++;
          return;
        }
        sink.writeRow(cells);
        refs.push(`utility:${key}`);
      });
    }
    this.lastUtilityRefs = refs;
    return refs;
  }

  // ------------------------------------------------------------------ findings

  writeFinding(f: TruthFinding): void {
    this.truthFindings.writeRow([f.type, f.refs.join(';'), f.areaCode, f.detail]);
    this.findingCounts[f.type]++;
  }

  /** Applies the truth rules to everyone created since the last flush. */
  flushBatch(): void {
    for (const p of this.batch) for (const rule of TRUTH_RULES) for (const f of rule.evaluate(p.facts)) this.writeFinding(f);
    for (const f of idCollisions(this.batch.map((p) => p.facts))) this.writeFinding(f);
    this.batch = [];
  }

  close(): void {
    for (const s of Object.values(this.sinks)) s.close();
    this.truthPersons.close();
    this.truthFindings.close();
    this.truthBroken.close();
  }

  // ------------------------------------------------------------------ dwellings

  private ageAtRef(p: Person): number {
    return (REF - p.birthNum) / 10000;
  }

  /** Death before / shortly after the reference moment, by age. */
  private decideDeath(p: Person, canDieBefore: boolean): void {
    const age = this.ageAtRef(p);
    if (age < 60) return;
    const rate = age < 70 ? 0.02 : age < 80 ? 0.06 : 0.15;
    const x = this.rng.next();
    let day = -1;
    if (canDieBefore && x < rate) day = REF_DAY - 1 - this.rng.int(700);
    else if (x > 1 - rate / 8) day = REF_DAY + this.rng.int(60);
    if (day < 0) return;
    p.death = fromDayNumber(day);
    p.deathNum = ymdNumber(p.death);
  }

  private pickRented(): number {
    return this.rented.length > 0 ? this.rented[this.rng.int(this.rented.length)]! : -1;
  }

  private hukouPlaceFor(residentDw: number, registerDw: number): 'here' | 'town' | 'county' {
    const a = this.village12(residentDw);
    const b = this.village12(registerDw);
    return a === b ? 'here' : a.slice(0, 9) === b.slice(0, 9) ? 'town' : 'county';
  }

  /** Enumerates a within-county mover at a rented dwelling (resident, registered elsewhere). */
  private enumerateMover(p: Person, home: number): void {
    const dest = p.facts.resident.length === 0 ? this.pickRented() : -1;
    if (dest < 0) return;
    this.emitEnumeration(p, {
      dw: dest,
      household: this.newHousehold(dest),
      relation: '户主',
      resident: true,
      hukouPlace: this.hukouPlaceFor(dest, home),
      hukouAddress: renderAddress(this.geo, home, style(2, '栋')),
      protect: false,
    });
    this.moverHome.set(p, dest);
  }

  processFamily(dw: number, enumerated: boolean): Person[] {
    const r = this.rng;
    const members = this.makeLocalFamily(dw);
    const head = members[0]!;
    // IDs, hukou and fates.
    for (const p of members) {
      const age = this.ageAtRef(p);
      if (p !== head && (p.relation === '配偶' || p.relation === '儿媳') && r.chance(0.08)) {
        p.hukou = r.chance(0.5) ? 'neighbour' : 'province';
      } else if (p !== head && age < 1 && age >= 0 && r.chance(0.25)) p.hukou = 'none';
      else if (p !== head && age >= 1 && age < 3 && r.chance(0.05)) p.hukou = 'none';
      else if (p !== head && age >= 18 && r.chance(0.001)) p.hukou = 'none';
      if (p.hukou === 'here') this.issueId(p, this.localCode(p));
      else if (p.hukou === 'neighbour') this.issueId(p, r.chance(0.7) ? this.geo.neighbour.code : r.pick(PROVINCE_CODES));
      else if (p.hukou === 'province') this.issueId(p, r.pick(OTHER_PROVINCES)[0]);
      if (p !== head) this.decideDeath(p, true);
      else this.decideDeath(p, false);
      if (p !== head && age >= 18 && age < 46 && p.deathNum === 0) {
        const y = r.next();
        p.residence = y < 0.12 ? 'outside' : y < 0.17 ? 'elsewhere' : 'here';
      } else if (p !== head && age >= 3 && age < 18 && r.chance(0.02)) p.residence = 'outside';
      else if (p !== head && age >= 46 && r.chance(0.04)) p.residence = r.chance(0.6) ? 'outside' : 'elsewhere';
      if (p.hukou !== 'here' && p.residence !== 'here') p.residence = 'here';
    }
    // Post-reference births in young families.
    const mother = members.find((m) => m.sex === 'F' && this.ageAtRef(m) >= 20 && this.ageAtRef(m) < 40 && m.residence === 'here');
    if (mother && r.chance(0.03)) {
      const baby = this.newPerson(r.chance(0.5) ? 'M' : 'F', REF_DAY + r.int(60), mother.relation === '儿媳' ? '孙子女' : '子女', head.name.slice(0, 1), dw);
      baby.mother = mother;
      baby.father = members.find((m) => m.sex === 'M' && m !== head && m.relation !== '户主') ?? head;
      baby.hukou = r.chance(0.4) ? 'here' : 'none';
      if (baby.hukou === 'here') this.issueId(baby, this.geo.countyCode);
      members.push(baby);
    }
    this.plantIdCollision(members);
    // Register.
    for (const p of members) {
      if (p.hukou === 'here') {
        let status: '正常' | '死亡' = '正常';
        if (p.death && (p.deathNum < REF ? r.chance(0.7) : r.chance(0.4))) status = '死亡';
        this.emitRegister(p, dw, status, status === '死亡' ? p.death : null);
        if ((p.relation === '配偶' || p.relation === '儿媳') && r.chance(0.04) && this.families.length > 1) {
          const old = this.families[r.int(this.families.length)]!;
          if (old !== dw) this.emitRegister(p, old, '迁出', fromDayNumber(REF_DAY - 200 - r.int(4000)));
        }
      } else if (p.hukou === 'neighbour' && r.chance(0.6)) this.emitRegister(p, -1, '正常', null);
    }
    if (r.chance(0.06)) {
      const ghost = this.newPerson(r.chance(0.5) ? 'M' : 'F', this.birthDayForAge(20 + r.int(50)), '子女', head.name.slice(0, 1), dw);
      this.issueId(ghost, this.localCode(ghost));
      this.emitRegister(ghost, dw, '迁出', fromDayNumber(REF_DAY - 30 - r.int(3000)));
    }
    if (r.chance(0.005)) {
      const ghost = this.newPerson(r.chance(0.5) ? 'M' : 'F', this.birthDayForAge(20 + r.int(40)), '子女', head.name.slice(0, 1), dw);
      this.issueId(ghost, this.localCode(ghost));
      this.emitRegister(ghost, dw, '注销', fromDayNumber(REF_DAY - 30 - r.int(3000)));
    }
    // Enumeration.
    const household = this.newHousehold(dw);
    for (const p of members) {
      if (p.birthNum >= REF || (p.death && p.deathNum < REF)) continue;
      const place = p.hukou === 'here' ? 'here' : p.hukou === 'none' ? 'pending' : 'outside_county';
      const hukouAddress = p.hukou === 'neighbour' ? `${this.geo.province}${this.geo.city}${this.geo.neighbour.name}` : p.hukou === 'province' ? r.pick(OTHER_PROVINCES)[1] : '';
      const base = { dw, household, relation: p.relation, hukouPlace: place, hukouAddress } as const;
      if (!enumerated) continue;
      if (p.residence === 'here') {
        if (p !== head && r.chance(0.01)) continue;
        this.emitEnumeration(p, { ...base, resident: true, protect: p === head });
        if (p !== head && r.chance(0.004)) {
          const again = r.chance(0.6) ? household : this.newHousehold(dw);
          this.emitEnumeration(p, { ...base, household: again, resident: true, protect: false });
        }
      } else if (p.residence === 'elsewhere') {
        if (!r.chance(0.02)) this.enumerateMover(p, dw);
        if (r.chance(0.6)) this.emitEnumeration(p, { ...base, resident: false, protect: false });
      } else if (r.chance(0.7)) {
        this.emitEnumeration(p, { ...base, resident: false, protect: false });
      }
    }
    this.emitDepartmental(members, dw);
    if (this.geo.dwCovered[dw]) this.emitUtilities(dw, 'occupied', head);
    return members;
  }

  /** Births, schooling and deaths of a household whose home is `dw` (movers' schooling at their new address). */
  private emitDepartmental(members: Person[], dw: number): void {
    const r = this.rng;
    for (const p of members) {
      const livesAt = p.residence === 'here' ? dw : p.residence === 'elsewhere' ? this.moverHome.get(p) ?? -1 : -1;
      if (p.birthNum >= 20171101 && p.birthNum < 20210101 && p.residence === 'here' && r.chance(0.97)) this.emitBirth(p, dw);
      if (p.birthNum >= SCHOOL_FROM && p.birthNum <= SCHOOL_TO && !p.death && livesAt >= 0 && r.chance(0.96)) this.emitSchool(p, livesAt);
      if (p.death && r.chance(p.deathNum < REF ? 0.92 : 0.9)) this.emitDeath(p);
    }
  }

  /** 一号多人: a child's or spouse's record carries another member's valid ID. */
  private plantIdCollision(members: Person[]): void {
    if (members.length < 2 || !this.rng.chance(0.004)) return;
    const a = members.find((m) => m.id && m.hukou === 'here');
    const b = members.find((m) => m !== a && m.hukou === 'here' && !m.death && a && m.sex !== a.sex && Math.abs(m.birthNum - a.birthNum) > 150000);
    if (a && b) b.wrongId = a.id;
  }

  processRented(dw: number, enumerated: boolean): Person[] {
    const r = this.rng;
    const origin = r.next();
    const hukou: Hukou = origin < 0.25 ? 'neighbour' : origin < 0.35 ? 'neighbourNoEntry' : origin < 0.95 ? 'province' : 'none';
    const prov = r.pick(OTHER_PROVINCES);
    const members = this.makeMigrantFamily(dw, hukou === 'province' && prov[0].startsWith('65') ? 0.85 : 0);
    const head = members[0]!;
    for (const p of members) {
      p.hukou = hukou;
      if (hukou === 'neighbour' || hukou === 'neighbourNoEntry') this.issueId(p, this.geo.neighbour.code);
      else if (hukou === 'province') this.issueId(p, prov[0]);
      if (hukou === 'neighbour') this.emitRegister(p, -1, '正常', null);
    }
    const household = this.newHousehold(dw);
    const place = hukou === 'none' ? 'pending' : 'outside_county';
    const hukouAddress = hukou === 'province' ? prov[1] : hukou === 'none' ? '' : `${this.geo.province}${this.geo.city}${this.geo.neighbour.name}`;
    if (enumerated) {
      for (const p of members) {
        if (p !== head && r.chance(0.015)) continue;
        const base = { dw, household, relation: p.relation, hukouPlace: place, hukouAddress } as const;
        this.emitEnumeration(p, { ...base, resident: true, protect: p === head });
        const dup = r.next();
        if (dup < 0.008) {
          const other = this.pickRented();
          if (other >= 0 && other !== dw) this.emitEnumeration(p, { ...base, dw: other, household: this.newHousehold(other), relation: '户主', resident: true, protect: false });
        } else if (dup < 0.011 && p !== head) this.emitEnumeration(p, { ...base, resident: true, protect: false });
      }
    }
    for (const p of members) {
      if (p.birthNum >= 20171101 && r.chance(0.95)) this.emitBirth(p, dw);
      if (p.birthNum >= SCHOOL_FROM && p.birthNum <= SCHOOL_TO && r.chance(0.9)) this.emitSchool(p, dw);
    }
    if (this.geo.dwCovered[dw]) this.emitUtilities(dw, 'occupied', r.chance(0.5) ? head : null);
    return members;
  }

  processVacantRegistered(dw: number): void {
    const r = this.rng;
    const members = this.makeLocalFamily(dw);
    for (const p of members) {
      p.residence = r.chance(0.6) ? 'outside' : 'elsewhere';
      if (p.birthNum >= REF) p.residence = 'outside';
      this.issueId(p, this.localCode(p));
      this.emitRegister(p, dw, '正常', null);
    }
    for (const p of members) if (p.residence === 'elsewhere' && p.birthNum < REF && !r.chance(0.02)) this.enumerateMover(p, dw);
    this.emitDepartmental(members, dw);
    if (this.geo.dwCovered[dw]) this.emitUtilities(dw, 'vacant', members[0]!);
    const refs = members.flatMap((p) => p.facts.register.filter((x) => x.active && x.dwelling === dw).map((x) => x.ref));
    if (refs.length > 0) this.writeFinding({ type: 'VACANT_REGISTERED_DWELLING', refs: refs.sort(), areaCode: this.area15(dw), detail: '' });
  }

  /** Registered family or in-migrants living here, nobody enumerated; always covered by utility data. */
  processOccupiedNotEnumerated(dw: number): void {
    if (this.rng.chance(0.5)) this.processFamily(dw, false);
    else this.processRented(dw, false);
    const refs = this.lastUtilityRefs;
    if (refs.length > 0) this.writeFinding({ type: 'OCCUPIED_NOT_ENUMERATED', refs: [...refs].sort(), areaCode: this.area15(dw), detail: '' });
  }

  /** Utility refs written by the last emitUtilities call. */
  private lastUtilityRefs: string[] = [];
  /** Where each within-county mover of the current dwelling was enumerated (for their schooling address). */
  private readonly moverHome = new Map<Person, number>();

  processDwelling(dw: number): void {
    const state = this.geo.dwState[dw]!;
    this.lastUtilityRefs = [];
    this.moverHome.clear();
    if (state === S.FAMILY) this.processFamily(dw, true);
    else if (state === S.RENTED) this.processRented(dw, true);
    else if (state === S.VACANT_REGISTERED) this.processVacantRegistered(dw);
    else if (state === S.OCCUPIED_NOT_ENUMERATED) this.processOccupiedNotEnumerated(dw);
    else if (this.geo.dwCovered[dw]) this.emitUtilities(dw, this.rng.chance(0.3) ? 'movedOut' : 'vacant', null);
    this.flushBatch();
  }
}

/**
 * Generates a synthetic county with ground truth into `outDir`: six source CSVs, pipeline.json and truth/.
 * Deterministic: the same options give byte-identical files.
 */
export async function synthCounty(options: SynthOptions): Promise<SynthSummary> {
  const opts = {
    persons: Math.max(10, Math.floor(options.persons)),
    seed: Math.floor(options.seed),
    outDir: options.outDir,
    errorRateScale: options.errorRateScale ?? 1,
    areaPrefix: options.areaPrefix ?? '430124',
  };
  mkdirSync(join(opts.outDir, 'truth'), { recursive: true });
  const w = new CountyWriter(opts);
  const dwellings = w.geo.dwState.length;
  for (let dw = 0; dw < dwellings; dw++) w.processDwelling(dw);
  w.close();
  const pipeline = buildSynthPipeline(opts.areaPrefix, opts.seed);
  writeFileSync(join(opts.outDir, 'pipeline.json'), JSON.stringify(pipeline, null, 2) + '\n');
  writeFileSync(join(opts.outDir, 'truth', 'README.md'), TRUTH_README);
  const rows: Record<string, number> = {};
  for (const src of Object.values(SYNTH_SOURCES)) rows[src.name] = w.sinks[src.kind].rows;
  return { persons: w.personCount, dwellings, rows, broken: { ...w.brokenCounts }, findings: { ...w.findingCounts } };
}
