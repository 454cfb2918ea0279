import { describe, expect, it } from 'vitest';
import { normaliseValue, type ValueField } from '../../src/normalise/normalise-value.js';

describe('normaliseValue', () => {
  it.each<[ValueField, string, string | null]>([
    ['sex', '男', 'M'],
    ['sex', '女', 'F'],
    ['sex', '1', 'M'],
    ['sex', '2', 'F'],
    ['sex', 'm', 'M'],
    ['sex', 'Female', 'F'],
    ['sex', '男性', 'M'],
    ['sex', '１', 'M'],
    ['sex', '未知', ''],
    ['sex', '', ''],
    ['sex', 'constructor', null],
    ['sex', '?', null],
    ['presence', '在户', 'resident'],
    ['presence', '常住', 'resident'],
    ['presence', '暂住', 'resident'],
    ['presence', '1', 'resident'],
    ['presence', '外出', 'away'],
    ['presence', '外出半年以上', 'away'],
    ['presence', '不在户', 'away'],
    ['presence', '户口在本户，人外出', 'away'],
    ['presence', '2', 'away'],
    ['presence', 'x', null],
    ['status', '正常', 'active'],
    ['status', '户籍在册', 'active'],
    ['status', '已迁出', 'moved_out'],
    ['status', '死亡', 'deceased'],
    ['status', '死亡注销', 'deceased'],
    ['status', '迁出注销', 'moved_out'],
    ['status', '销户', 'cancelled'],
    ['status', 'active', 'active'],
    ['status', '未知状态', null],
    ['hukou_place', '1', 'here'],
    ['hukou_place', '1.0', 'here'],
    ['hukou_place', '本村（居）委会', 'here'],
    ['hukou_place', '本村(居)委会', 'here'],
    ['hukou_place', '本社区', 'here'],
    ['hukou_place', '本乡（镇、街道）其他村（居）委会', 'town'],
    ['hukou_place', '本县（市、区）其他乡（镇、街道）', 'county'],
    ['hukou_place', '其他县（市、区）', 'outside_county'],
    ['hukou_place', '外省', 'outside_county'],
    ['hukou_place', '户口待定', 'pending'],
    ['hukou_place', '5', 'pending'],
    ['hukou_place', '6', null],
    ['utility', '自来水', 'water'],
    ['utility', '电力', 'electricity'],
    ['utility', '天然气', 'gas'],
    ['utility', 'Gas', 'gas'],
    ['utility', '宽带', null],
    ['relationship', ' 户主 ', '户主'],
  ])('%s %j → %j', (field, raw, expected) => expect(normaliseValue(field, raw)).toBe(expected));

  it('consults the local map first, comparing keys after trim and NFKC', () => {
    const local = { Ａ: 'resident', B: '外出', '1': 'away' };
    expect(normaliseValue('presence', ' A ', local)).toBe('resident');
    expect(normaliseValue('presence', 'B', local)).toBe('away');
    expect(normaliseValue('presence', '1', local)).toBe('away');
    expect(normaliseValue('presence', '在户', local)).toBe('resident');
    expect(normaliseValue('presence', '1')).toBe('resident');
  });

  it('is idempotent: a canonical value maps to itself', () => {
    for (const [field, values] of [
      ['sex', ['M', 'F']],
      ['presence', ['resident', 'away']],
      ['status', ['active', 'moved_out', 'deceased', 'cancelled']],
      ['hukou_place', ['here', 'town', 'county', 'outside_county', 'pending']],
      ['utility', ['water', 'electricity', 'gas']],
    ] as const) {
      for (const v of values) expect(normaliseValue(field, v)).toBe(v);
    }
  });
});
