import { describe, expect, it } from 'vitest';
import { decodeRecords, encodeRecords, utilityTableOfBatch, CODEC_FIELDS } from '../../src/ingest/record-codec.js';
import { utilityTableOf } from '../../src/lib/utility-table.js';
import { readSource } from '../../src/ingest/read-source.js';
import type { PersonRecord, UtilityRecord } from '../../src/model.js';
import { loadPipeline } from '../../src/pipeline/load-pipeline.js';
import { NO_ID } from '../../src/normalise/normalise-id.js';
import { EMPTY_NAME } from '../../src/normalise/normalise-name.js';
import { NO_MARKS } from '../../src/normalise/normalise-row.js';

// Every record of the demo county: all six kinds, marks, births without a child's name or ID.
async function demoRecords(): Promise<{ persons: PersonRecord[]; utilities: UtilityRecord[] }> {
  const loaded = await loadPipeline('pipelines/demo.json');
  const persons: PersonRecord[] = [];
  const utilities: UtilityRecord[] = [];
  for (const [i, source] of loaded.pipeline.sources.entries()) {
    const r = await readSource(source, loaded.sourcePaths[i]!);
    persons.push(...r.persons);
    utilities.push(...r.utilities);
  }
  return { persons, utilities };
}

describe('the record codec that brings records back from ingest workers', () => {
  it('gives the utilities of a batch as the same table the records make', async () => {
    const { persons, utilities } = await demoRecords();
    expect(utilities.length).toBeGreaterThan(1000);
    const fromBatch = utilityTableOfBatch(encodeRecords(persons, utilities));
    const fromRecords = utilityTableOf(utilities);
    expect(fromBatch.length).toBe(utilities.length);
    const read = (t: typeof fromBatch, i: number): unknown[] => [
      t.strings[t.source[i]!],
      t.strings[t.recordKey[i]!],
      t.strings[t.address[i]!],
      t.strings[t.dwelling[i]!],
      t.strings[t.areaCode[i]!],
      t.strings[t.period[i]!],
      t.utility[i],
      t.consumption[i],
      t.line[i],
    ];
    for (let i = 0; i < utilities.length; i++) expect(read(fromBatch, i)).toEqual(read(fromRecords, i));
  });

  it('carries every field of both record shapes', async () => {
    const { persons, utilities } = await demoRecords();
    expect([...CODEC_FIELDS.person].sort()).toEqual(Object.keys(persons[0]!).sort());
    expect([...CODEC_FIELDS.details].sort()).toEqual(Object.keys(persons.find((p) => p.details)!.details!).sort());
    expect([...CODEC_FIELDS.utility].sort()).toEqual(Object.keys(utilities[0]!).sort());
  });

  it('decodes exactly the records it encoded, keeping the shared constants', async () => {
    const { persons, utilities } = await demoRecords();
    for (const r of [...persons, ...utilities]) r.ix = 0; // the runner numbers records afterwards
    const decoded = decodeRecords(encodeRecords(persons, utilities));
    expect(decoded.persons).toEqual(persons);
    expect(decoded.utilities).toEqual(utilities);
    // a sample of what the demo must contain, so the equality above covers it
    expect(persons.some((p) => p.name === EMPTY_NAME)).toBe(true);
    expect(persons.some((p) => p.marks.length > 1)).toBe(true);
    expect(persons.some((p) => p.details?.motherId != null)).toBe(true);
    expect(persons.some((p) => p.details?.deathDate)).toBe(true);
    expect(persons.some((p) => p.details?.guardianId != null)).toBe(true);
    expect(persons.some((p) => p.details === null)).toBe(true);
    decoded.persons.forEach((p, i) => {
      expect(p.name === EMPTY_NAME).toBe(persons[i]!.name === EMPTY_NAME);
      expect(p.id === NO_ID).toBe(persons[i]!.id === NO_ID);
      expect(p.marks === NO_MARKS).toBe(persons[i]!.marks === NO_MARKS);
    });
  });

  it('shares one object per distinct name and ID number, as the normaliser does', async () => {
    const { persons } = await demoRecords();
    const decoded = decodeRecords(encodeRecords(persons, [])).persons;
    expect(new Set(decoded.map((p) => p.name)).size).toBe(new Set(persons.map((p) => p.name)).size);
    expect(new Set(decoded.map((p) => p.id)).size).toBe(new Set(persons.map((p) => p.id)).size);
  });
});
