import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseToArabic, dwellingKey, normaliseAreaCode } from '../../src/normalise/normalise-address.js';

const CN = '〇一二三四五六七八九';
const cnDigits = (n: number): string => String(n).replace(/\d/g, (d) => CN[+d]!);
const cnNumber = (n: number): string => {
  // 1–99 the way people write them: 十二, 二十, 三十五
  if (n < 10) return CN[n]!;
  const tens = Math.floor(n / 10);
  return (tens === 1 ? '' : CN[tens]!) + '十' + (n % 10 === 0 ? '' : CN[n % 10]!);
};

describe('chineseToArabic', () => {
  it.each([
    ['十', '10'], ['十二', '12'], ['二十', '20'], ['二十一', '21'], ['一百零一', '101'], ['三百二十', '320'],
    ['二〇一', '201'], ['两', '2'], ['一二', '12'], ['两千', '2000'],
  ])('%s → %s', (cn, n) => expect(chineseToArabic(cn)).toBe(n));
});

describe('dwellingKey', () => {
  const SAME = '芙蓉路12号3栋2单元301';
  it.each([
    '芙蓉路12号3栋2单元301室',
    '芙蓉路十二号三幢二单元301',
    '芙蓉路12号3号楼2-301',
    '芙蓉路12号3-2-301',
    '芙蓉路12-3-2-301',
    '芙蓉路12號3棟2單元301室',
    '芙蓉路１２号３栋２单元３０１室',
    '芙蓉路 12号 3栋 2单元 301室',
    '芙蓉路12号3#楼2单元0301',
    '芙蓉路12号院3栋2门301',
    '芙蓉路12号3栋2单元3楼301',
    '芙蓉路12号3栋2单元3层301号',
    '芙蓉路12号三栋二单元三〇一室',
    '湖南省长沙市芙蓉区芙蓉路12号3栋2单元301室',
    '湖南省长沙市芙蓉区定王台街道芙蓉路12号3栋2单元301室',
    '长沙市芙蓉区定王台街道人民社区芙蓉路12号3栋2单元301室',
    '定王台街道芙蓉路12号3栋2单元301室',
    '芙蓉区芙蓉路12号3栋2单元301',
  ])('%s → the same dwelling', (address) => expect(dwellingKey(address)).toBe(SAME));

  it.each([
    ['芙蓉镇新华村三组15号', '新华村3组15号'],
    ['新华村村民委员会第三村民小组15号', '新华村3组15号'],
    ['湖南省长沙县芙蓉镇新华村委会3组15号', '新华村3组15号'],
    ['阳光小区3栋2单元301', '阳光小区3栋2单元301'],
    ['城市花园A座1201', '城市花园A栋1201'],
    // prefixes whose ending starts as far in as a prefix pattern reaches (the patterns are skipped when no ending is in reach)
    ['中国新疆维吾尔自治区乌鲁木齐市天山区人民路12号', '人民路12号'],
    ['湘西土家族苗族自治州吉首市人民路5号', '人民路5号'],
    ['克孜勒苏柯尔克孜自治州阿图什市人民路5号', '人民路5号'],
    ['长沙县星沙街道开元路18号', '开元路18号'],
    ['德桂街188号2栋2单元904室', '德桂街188号2栋2单元904'],
    ['', ''],
  ])('%s → %s', (address, key) => expect(dwellingKey(address)).toBe(key));

  it.each([
    ['芙蓉路12号3栋2单元301', '芙蓉路12号3栋2单元302'],
    ['芙蓉路12号3栋2单元301', '芙蓉路12号3栋1单元301'],
    ['芙蓉路12号3栋2单元301', '芙蓉路12号4栋2单元301'],
    ['芙蓉路12号3栋2单元301', '芙蓉路13号3栋2单元301'],
    ['芙蓉路12号3栋2单元301', '蔡锷路12号3栋2单元301'],
    ['阳光小区3栋2单元301', '月光小区3栋2单元301'],
    ['新华村3组15号', '新华村4组15号'],
    ['新华村3组15号', '红星村3组15号'],
    ['北京路12号', '上海路12号'],
  ])('%s and %s are different dwellings', (a, b) => expect(dwellingKey(a)).not.toBe(dwellingKey(b)));

  it('is stable under variant spellings of the same dwelling', () => {
    const road = fc.constantFrom('芙蓉路', '蔡锷中路', '人民东路', '五一大道', '解放西路');
    const n = (max: number) => fc.integer({ min: 1, max });
    const prefix = fc.constantFrom('', '湖南省长沙市芙蓉区', '长沙市芙蓉区', '芙蓉区', '湖南省长沙市芙蓉区定王台街道', '定王台街道');
    fc.assert(
      fc.property(road, n(300), n(30), n(6), n(33), n(4), prefix, fc.integer({ min: 0, max: 5 }), (r, no, bld, unit, floor, door, pre, style) => {
        const room = `${floor}0${door}`;
        const canonical = dwellingKey(`${r}${no}号${bld}栋${unit}单元${room}室`);
        const variants = [
          `${pre}${r}${no}号${bld}栋${unit}单元${room}室`,
          `${r}${no < 100 ? cnNumber(no) : no}号${bld < 100 ? cnNumber(bld) : bld}幢${cnNumber(unit)}单元${cnDigits(+room)}`,
          `${r}${no}号${bld}号楼${unit}-${room}`,
          `${pre}${r}${no}号${bld}-${unit}-${room}`,
          `${r}${no}号${bld}#楼${unit}单元${room}`,
          `${r}${no}号${bld}栋${unit}单元${floor}楼${room}号`,
        ];
        expect(dwellingKey(variants[style]!)).toBe(canonical);
        expect(dwellingKey(canonical)).toBe(canonical);
      }),
    );
  });
});

describe('normaliseAreaCode', () => {
  it.each([
    ['430104', '430104'],
    ['430104001', '430104001'],
    ['430104001001', '430104001001'],
    ['430104001001012', '430104001001012'],
    ['４３０１０４００１００１', '430104001001'],
    [' 430104001001.0 ', '430104001001'],
    ['', ''],
    ['43010400100', null],
    ['4301040010010123', '4301040010010123'],
    ['430104-001-001-012', '430104001001012'],
    ['4301040010010123456', null],
    ['4.30104E+11', null],
    ['芙蓉区', null],
  ])('%j → %j', (raw, expected) => expect(normaliseAreaCode(raw)).toBe(expected));
});
