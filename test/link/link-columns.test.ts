import { describe, expect, it } from 'vitest';
import { readSource } from '../../src/ingest/read-source.js';
import { keyHash } from '../../src/link/key-hash.js';
import { linkColumnsOf, type LinkColumns } from '../../src/link/link-columns.js';
import { idPass } from '../../src/link/id-pass.js';
import { link } from '../../src/link/link.js';
import type { NameKeys, PersonRecord } from '../../src/model.js';
import { EMPTY_NAME } from '../../src/normalise/normalise-name.js';
import { loadPipeline } from '../../src/pipeline/load-pipeline.js';
import { fakeId, indexed, makeRecord } from './make-record.js';

const VALID = fakeId('430104', '19800307', '123');
// the same number with its check character wrong
const CHECK_FAILED = VALID.slice(0, 17) + (VALID[17] === '0' ? '1' : '0');

/** The name key each row's serial stands for ('' for -1). */
const keysOf = (c: LinkColumns): string[] => [...c.nameSerial].map((s) => (s < 0 ? '' : c.nameKeys[s]!));

describe('linkColumnsOf', () => {
  const records = indexed([
    makeRecord({ name: '王丽', id: VALID }),
    makeRecord({ name: '王 丽', id: CHECK_FAILED }), // another spelling of the same key
    makeRecord({ name: '王麗' }), // traditional: the key is simplified
    makeRecord({ name: '李伟', id: '430104800307123' }), // 15 digits: a legacy number, made 18 when normalised
    makeRecord({ id: 'not a number' }),
  ]);
  const c = linkColumnsOf(records);

  it('numbers equal name keys alike, whatever the spelling, and has no number for no name', () => {
    expect(c.length).toBe(5);
    expect(c.nameSerial[0]).toBe(c.nameSerial[1]);
    expect(c.nameSerial[0]).toBe(c.nameSerial[2]);
    expect(c.nameSerial[3]).not.toBe(c.nameSerial[0]);
    expect(c.nameSerial[4]).toBe(-1);
    expect(keysOf(c)).toEqual(records.map((r) => r.name.key));
    expect([...c.nameKeyHash]).toEqual(c.nameKeys.map((k) => keyHash(k)));
  });

  it('holds a comparable ID number as its first nine and next eight digits, with its hash', () => {
    expect([c.idHigh[0], c.idLow[0], c.idHash[0], c.idValid[0]]).toEqual([Number(VALID.slice(0, 9)), Number(VALID.slice(9, 17)), keyHash(VALID), 1]);
    // a failed check character still compares (one_off), but is not valid
    expect([c.idHigh[1], c.idLow[1], c.idHash[1], c.idValid[1]]).toEqual([Number(VALID.slice(0, 9)), Number(VALID.slice(9, 17)), keyHash(CHECK_FAILED), 0]);
    expect(records[3]!.id.value).toHaveLength(18);
    expect(c.idHigh[3]).toBe(Number(records[3]!.id.value.slice(0, 9)));
    for (const i of [2, 4]) expect([c.idHigh[i], c.idLow[i], c.idHash[i], c.idValid[i]]).toEqual([-1, -1, 0, 0]);
  });

  it('keeps each record\'s ix and its source, numbered in order of first appearance', () => {
    const two = indexed([makeRecord({ source: 'b' }), makeRecord({ source: 'a' }), makeRecord({ source: 'b' })]);
    two.forEach((r, i) => (r.ix = 10 + i));
    const cols = linkColumnsOf(two);
    expect([...cols.ix]).toEqual([10, 11, 12]);
    expect(cols.sources).toEqual(['b', 'a']);
    expect([...cols.source]).toEqual([0, 1, 0]);
  });

  it("uses the serials ingest's names carry", () => {
    expect([...c.nameSerial]).toEqual(records.map((r) => r.name.serial));
  });

  it('numbers the keys itself when names carry no serial or serials that disagree', () => {
    const bare = (key: string): NameKeys => ({ display: key, key, surname: key[0]!, given: key.slice(1), pinyin: '', pinyinFuzzy: '' });
    const mixed = (names: NameKeys[]): LinkColumns => linkColumnsOf(indexed(names.map((name) => ({ ...makeRecord({}), name }))));
    // made by hand, without serials
    expect([...mixed([bare('王丽'), bare('李伟'), bare('王丽'), EMPTY_NAME]).nameSerial]).toEqual([0, 1, 0, -1]);
    // two readings numbered two keys alike
    const conflict = mixed([{ ...bare('王丽'), serial: 0 }, { ...bare('李伟'), serial: 0 }, { ...bare('王丽'), serial: 0 }]);
    expect([...conflict.nameSerial]).toEqual([0, 1, 0]);
    expect(conflict.nameKeys).toEqual(['王丽', '李伟']);
  });
});

describe('the linkage on columns', () => {
  it('gives the same result on records whose names carry serials as on the same names without', async () => {
    const loaded = await loadPipeline('pipelines/demo.json');
    const persons: PersonRecord[] = [];
    for (const [i, source] of loaded.pipeline.sources.entries()) persons.push(...(await readSource(source, loaded.sourcePaths[i]!)).persons);
    indexed(persons);
    expect(persons.every((p) => p.name.serial !== undefined)).toBe(true);
    const a = link(persons, loaded.pipeline.linkage);
    const unnumbered = persons.map((p) => ({ ...p, name: { ...p.name, serial: undefined } }));
    const b = link(unnumbered, loaded.pipeline.linkage);
    expect(a.stats.persons).toBeGreaterThan(0);
    expect({ ...a, stats: { ...a.stats, seconds: 0 } }).toEqual({ ...b, stats: { ...b.stats, seconds: 0 } });
  });
});

describe('id pass on columns', () => {
  const person = (name: string, birthDate: string, sex: 'M' | 'F', kind: 'enumeration' | 'register' | 'schooling') =>
    makeRecord({ kind, name, birthDate, sex, id: VALID, address: '甲路1号' });

  it('joins every holder of a number who is one person, however many sources hold it', () => {
    const records = indexed([
      person('石磊', '1980-03-07', 'M', 'enumeration'),
      makeRecord({ name: '别人', id: fakeId('430104', '19700101', '001') }),
      person('石磊', '1980-03-07', 'M', 'register'),
      person('石 磊', '1980-03-07', 'M', 'schooling'),
    ]);
    const ids = idPass(records, linkColumnsOf(records));
    expect([...ids.edgesL]).toEqual([0, 0]);
    expect([...ids.edgesR]).toEqual([2, 3]);
    expect(ids.typoEdges).toEqual([]);
    expect(ids.matchPairs).toBe(3);
    expect([...ids.settled]).toEqual([1, 0, 1, 1]);
    expect(ids.idTag[0]).toBe(ids.idTag[2]);
    expect(ids.idTag[0]).toBe(ids.idTag[3]);
    expect(ids.idTag[1]).not.toBe(ids.idTag[0]);
    expect(ids.collisions).toEqual([]);
  });

  it('splits the holders who clearly differ from the first into their own group', () => {
    const records = indexed([
      person('石磊', '1980-03-07', 'M', 'enumeration'),
      person('包红梅', '1992-11-25', 'F', 'register'),
      person('石磊', '1980-03-07', 'M', 'register'),
    ]);
    const ids = idPass(records, linkColumnsOf(records));
    expect(ids.collisions).toEqual([{ id: VALID, groups: [[0, 2], [1]] }]);
    expect([...ids.edgesL]).toEqual([0]);
    expect([...ids.edgesR]).toEqual([2]);
    expect([...ids.settled]).toEqual([0, 0, 0]);
    expect(ids.idTag[0]).toBe(ids.idTag[2]);
    expect(ids.idTag[1]).not.toBe(ids.idTag[0]);
  });
});
