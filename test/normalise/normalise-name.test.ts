import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as OpenCC from 'opencc-js';
import { EMPTY_NAME, normaliseName, toSimplified } from '../../src/normalise/normalise-name.js';

describe('normaliseName', () => {
  it.each([
    ['王丽', '王丽', '王丽', '王', 'wang li'],
    [' 王　莉 ', '王莉', '王莉', '王', 'wang li'],
    ['張偉', '張偉', '张伟', '张', 'zhang wei'],
    ['曾国藩', '曾国藩', '曾国藩', '曾', 'zeng guo fan'],
    ['单小红', '单小红', '单小红', '单', 'shan xiao hong'],
    ['区志强', '区志强', '区志强', '区', 'ou zhi qiang'],
    ['仇英', '仇英', '仇英', '仇', 'qiu ying'],
    ['解小东', '解小东', '解小东', '解', 'xie xiao dong'],
    ['朴英姬', '朴英姬', '朴英姬', '朴', 'piao ying ji'],
    ['欧阳明月', '欧阳明月', '欧阳明月', '欧阳', 'ou yang ming yue'],
    ['诸葛亮亮', '诸葛亮亮', '诸葛亮亮', '诸葛', 'zhu ge liang liang'],
    ['阿依古丽•买买提', '阿依古丽·买买提', '阿依古丽·买买提', '阿', 'a yi gu li mai mai ti'],
    ['阿依古丽・买买提', '阿依古丽·买买提', '阿依古丽·买买提', '阿', 'a yi gu li mai mai ti'],
    ['阿依古丽．买买提', '阿依古丽·买买提', '阿依古丽·买买提', '阿', 'a yi gu li mai mai ti'],
    ['阿依古丽.买买提', '阿依古丽·买买提', '阿依古丽·买买提', '阿', 'a yi gu li mai mai ti'],
    ['王xiao明', '王xiao明', '王xiao明', '王', 'wang xiao ming'],
    ['王?明', '王?明', '王?明', '王', 'wang ? ming'],
    ['王？明', '王?明', '王?明', '王', 'wang ? ming'],
  ])('%j', (raw, display, key, surname, pinyin) => {
    const n = normaliseName(raw)!;
    expect(n).toMatchObject({ display, key, surname, given: key.slice(surname.length), pinyin });
  });

  it.each(['', '  ', '无', '不详', '未取名', '待定', '婴儿', '男婴', '女婴', '-', '—', 'NULL', 'null', '王丽之子', '李男婴'])(
    '%j is no name',
    (raw) => expect(normaliseName(raw)).toBeNull(),
  );

  it.each([
    ['王丽', '王莉'],
    ['宁玲', '林灵'],
    ['南方', '兰方'],
    ['陈晨', '岑琛'],
    ['湖南', '福兰'],
  ])('fuzzy pinyin of %s and %s agree', (a, b) => {
    expect(normaliseName(a)!.pinyinFuzzy).toBe(normaliseName(b)!.pinyinFuzzy);
  });

  it.each([
    ['zhang san', 'zan san'],
    ['chen sheng', 'cen sen'],
    ['ning ling', 'lin lin'],
    ['huang hui', 'fan fei'],
    ['wang jiang', 'wan jian'],
    ['long', 'long'],
  ])('dialect folding %s → %s', (pinyin, fuzzy) => {
    // checked through a name whose pinyin is known
    const names: Record<string, string> = {
      'zhang san': '张三', 'chen sheng': '陈胜', 'ning ling': '宁玲', 'huang hui': '黄辉', 'wang jiang': '王江', long: '龙',
    };
    const n = normaliseName(names[pinyin]!)!;
    expect(n.pinyin).toBe(pinyin);
    expect(n.pinyinFuzzy).toBe(fuzzy);
  });

  it('caches: the same cell gives the same (frozen) object', () => {
    const a = normaliseName('周成');
    expect(normaliseName('周成')).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('exports an empty name with every field blank', () => {
    expect(Object.values(EMPTY_NAME).every((v) => v === '')).toBe(true);
  });

  it('is idempotent: normalising the display form gives the same keys', () => {
    const han = fc.constantFrom(...'王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐許韓馮鄧曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤伟芳娜敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚'.split(''));
    const part = fc.array(han, { minLength: 1, maxLength: 3 }).map((a) => a.join(''));
    const noise = fc.constantFrom('', ' ', '\u3000', '\t');
    const dot = fc.constantFrom('·', '•', '・', '．', '.', '‧', '･');
    fc.assert(
      fc.property(part, fc.option(fc.tuple(dot, part), { nil: undefined }), noise, noise, (first, rest, pre, post) => {
        const raw = pre + first + (rest ? rest[0] + rest[1] : '') + post;
        const n = normaliseName(raw);
        if (n === null) return;
        expect(normaliseName(n.display)).toEqual(n);
        expect(n.display).not.toMatch(/[\s•・．.‧･]/);
        expect(n.key).toBe(n.surname + n.given);
      }),
    );
  });
});

describe('toSimplified', () => {
  const opencc = OpenCC.Converter({ from: 't', to: 'cn' });

  it.each([
    ['張偉', '张伟'],
    // a phrase whose first character is simplified already: only the pair check sends it to OpenCC
    ['一目瞭然', '一目了然'],
    ['他不瞭解', '他不了解'],
    ['芙蓉路12號3棟2單元301室', '芙蓉路12号3栋2单元301室'],
  ])('%s → %s', (raw, simplified) => expect(toSimplified(raw)).toBe(simplified));

  it('returns a string no dictionary key matches as it is', () => {
    const s = '白树路82号1栋1单元101室';
    expect(toSimplified(s)).toBe(s);
  });

  it('agrees with OpenCC on strings of phrase starts, traditional and astral characters', () => {
    // 一 上 不 start phrases; 瞭 目 然 解 complete some; 張 單 號 are traditional; 𠮷 is astral
    const ch = fc.constantFrom(...'一上不瞭目然解了张張单單号號路村组1𠮷'.match(/./gu)!);
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 12 }), (chars) => {
        const s = chars.join('');
        expect(toSimplified(s)).toBe(opencc(s));
      }),
      { numRuns: 2000 },
    );
  });
});
