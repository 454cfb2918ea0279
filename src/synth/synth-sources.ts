import type { PipelineInput } from '../pipeline/pipeline-schema.js';
import type { SourceKind } from '../model.js';
import type { CsvSinkOptions } from './csv-sink.js';

/** One generated source file: its name in record references, headers (canonical field → header) and file dialect. */
export interface SynthSource {
  name: string;
  kind: SourceKind;
  file: string;
  columns: Record<string, string>;
  dialect: CsvSinkOptions;
  /** Local spellings → canonical values, declared in pipeline.json. */
  values: Record<string, Record<string, string>>;
}

const SEX_VALUES = { 男: 'M', 女: 'F', '1': 'M', '2': 'F', M: 'M', F: 'F' };

/** The six exports, in file-column order. */
export const SYNTH_SOURCES = {
  enumeration: {
    name: 'census',
    kind: 'enumeration',
    file: '普查登记.csv',
    columns: {
      record_key: '登记编号',
      area_code: '普查小区代码',
      enumerator_id: '普查员编号',
      household_id: '户编号',
      address: '住址',
      name: '姓名',
      id_number: '公民身份号码',
      sex: '性别',
      birth_date: '出生日期',
      relationship: '与户主关系',
      presence: '居住状态',
      hukou_place: '户口登记地',
      hukou_address: '户口登记地址',
    },
    dialect: { bom: true, crlf: true, encoding: 'utf8' },
    values: {
      sex: SEX_VALUES,
      presence: { 在户: 'resident', 外出: 'away' },
      hukou_place: { '1': 'here', '2': 'town', '3': 'county', '4': 'outside_county', '5': 'pending' },
    },
  },
  register: {
    name: 'hukou',
    kind: 'register',
    file: '户籍.csv',
    columns: {
      record_key: '人员编号',
      household_no: '户号',
      area_code: '区划代码',
      address: '户口登记地址',
      name: '姓名',
      id_number: '公民身份号码',
      sex: '性别',
      birth_date: '出生日期',
      relationship: '与户主关系',
      status: '人员状态',
      status_date: '变动日期',
    },
    dialect: { bom: false, crlf: true, encoding: 'gb18030' },
    values: {
      sex: SEX_VALUES,
      status: { 正常: 'active', 迁出: 'moved_out', 死亡: 'deceased', 注销: 'cancelled' },
    },
  },
  births: {
    name: 'births',
    kind: 'births',
    file: '出生医学证明.csv',
    columns: {
      record_key: '出生医学证明编号',
      child_name: '新生儿姓名',
      sex: '性别',
      birth_date: '出生日期',
      mother_name: '母亲姓名',
      mother_id: '母亲有效身份证件号码',
      father_name: '父亲姓名',
      father_id: '父亲有效身份证件号码',
      address: '家庭住址',
      area_code: '区划代码',
    },
    dialect: { bom: false, crlf: false, encoding: 'utf8' },
    values: { sex: SEX_VALUES },
  },
  schooling: {
    name: 'school',
    kind: 'schooling',
    file: '学籍.csv',
    columns: {
      record_key: '学籍号',
      name: '姓名',
      id_number: '身份证件号',
      sex: '性别',
      birth_date: '出生日期',
      school: '学校名称',
      grade: '年级',
      address: '家庭住址',
      guardian_name: '监护人姓名',
      guardian_id: '监护人身份证件号',
    },
    dialect: { bom: true, crlf: false, encoding: 'utf8' },
    values: { sex: SEX_VALUES },
  },
  utilities: {
    name: 'utility',
    kind: 'utilities',
    file: '水电气.csv',
    columns: {
      record_key: '流水号',
      utility: '类别',
      holder_name: '户名',
      holder_id: '证件号码',
      address: '用户地址',
      area_code: '区划代码',
      period: '账期',
      consumption: '用量',
    },
    dialect: { bom: false, crlf: true, encoding: 'utf8' },
    values: { utility: { 水: 'water', 电: 'electricity', 燃气: 'gas' } },
  },
  deaths: {
    name: 'deaths',
    kind: 'deaths',
    file: '死亡.csv',
    columns: {
      record_key: '死亡证编号',
      name: '姓名',
      id_number: '公民身份号码',
      sex: '性别',
      birth_date: '出生日期',
      death_date: '死亡日期',
    },
    dialect: { bom: true, crlf: false, encoding: 'utf8' },
    values: { sex: SEX_VALUES },
  },
} as const satisfies Record<SourceKind, SynthSource>;

/** The pipeline file that reads a generated county. */
export function buildSynthPipeline(areaPrefix: string, seed: number): PipelineInput {
  return {
    name: `synthetic-county-${seed}`,
    reference_date: '2020-11-01',
    scope: { area_prefix: areaPrefix },
    sources: Object.values(SYNTH_SOURCES).map((s) => ({
      name: s.name,
      kind: s.kind,
      path: s.file,
      encoding: s.dialect.encoding,
      columns: { ...s.columns },
      values: Object.fromEntries(Object.entries(s.values).map(([k, v]) => [k, { ...v }])),
    })),
    output: { dir: 'out', mask_id_numbers: true },
  };
}
