import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../cli/command.js';
import { readSource } from '../ingest/read-source.js';
import type { PersonRecord } from '../model.js';
import { loadPipeline } from './load-pipeline.js';
import { recordRef } from '../lib/record-ref.js';

/**
 * Re-reads just the records named by `refs` (`<source>:<record_key>`) from the inputs of a finished run,
 * through the same ingest and normalise code, so `explain` compares exactly what the run compared.
 */
export async function loadRecords(runDir: string, refs: readonly string[]): Promise<PersonRecord[]> {
  let manifest: { pipeline?: { path?: string } };
  try {
    manifest = JSON.parse(await readFile(join(runDir, 'manifest.json'), 'utf8')) as typeof manifest;
  } catch {
    throw new UsageError(`${runDir} is not a run folder (no readable manifest.json)`);
  }
  const pipelinePath = manifest.pipeline?.path;
  if (!pipelinePath) throw new UsageError(`${runDir}/manifest.json does not name its pipeline file`);
  const loaded = await loadPipeline(pipelinePath);
  const wanted = new Map<string, Set<string>>();
  for (const ref of refs) {
    const colon = ref.indexOf(':');
    const source = colon > 0 ? ref.slice(0, colon) : '';
    if (!loaded.pipeline.sources.some((s) => s.name === source)) {
      throw new UsageError(`"${ref}" is not a record reference of this run; expected <source>:<record_key> with source one of ${loaded.pipeline.sources.map((s) => s.name).join(', ')}`);
    }
    if (!wanted.has(source)) wanted.set(source, new Set());
    wanted.get(source)!.add(ref.slice(colon + 1));
  }
  const found = new Map<string, PersonRecord>();
  for (const [i, source] of loaded.pipeline.sources.entries()) {
    const keys = wanted.get(source.name);
    if (!keys) continue;
    const result = await readSource(source, loaded.sourcePaths[i]!, { onlyKeys: keys });
    for (const p of result.persons) found.set(recordRef(p), p);
  }
  return refs.map((ref) => {
    const record = found.get(ref);
    if (!record) throw new UsageError(`record ${ref} was not found among the run's accepted person records`);
    return record;
  });
}
