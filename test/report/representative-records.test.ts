import { describe, expect, it } from 'vitest';
import { representativeRecords } from '../../src/report/representative-records.js';
import { linkage, person } from './fixtures.js';

describe('representativeRecords', () => {
  // persons: P0 = {0, 3, 5}, P1 = {1, 4}, P2 = {2}
  const records = [
    person(0, { kind: 'register', status: 'moved_out' }),
    person(1, { kind: 'schooling', presence: '' }),
    person(2),
    person(3, { presence: 'away' }),
    person(4, { kind: 'register', status: 'active', presence: '' }),
    person(5, { kind: 'register', status: 'active', presence: '' }),
  ];
  const run = linkage(records.length, [[0, 3, 5], [1, 4], [2]]);

  it('shows the best-ranked record of each wanted person, the first of equals', () => {
    const shown = representativeRecords(records, run, [0, 1, 2]);
    // an away enumeration record ranks below an active register entry, above a closed one
    expect(shown.get('P000000')!.ix).toBe(3);
    expect(shown.get('P000001')!.ix).toBe(4);
    expect(shown.get('P000002')!.ix).toBe(2);
    const twoActive = representativeRecords([records[0]!, records[5]!, person(3, { kind: 'register', status: 'active', presence: '' })], run, [0]);
    expect(twoActive.get('P000000')!.ix).toBe(3);
  });

  it('holds only the wanted persons, in order of their first record', () => {
    const shown = representativeRecords(records, run, [2, 0, 2]);
    expect([...shown.keys()]).toEqual(['P000000', 'P000002']);
    expect(representativeRecords(records, run, []).size).toBe(0);
    // records given out of ix order: the first one given counts
    expect([...representativeRecords([records[2]!, records[1]!, records[0]!], run, [0, 1, 2]).keys()]).toEqual([
      'P000002',
      'P000001',
      'P000000',
    ]);
  });
});
