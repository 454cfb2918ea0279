import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { UsageError } from '../cli/command.js';
import { readHeaders } from '../ingest/read-headers.js';
import { headerProblems } from '../ingest/map-headers.js';
import type { Encoding } from '../ingest/decode-stream.js';
import type { LoadedPipeline } from './load-pipeline.js';

export interface InputCheck {
  source: string;
  kind: string;
  path: string;
  size: number;
  encoding: Encoding;
  headers: string[];
}

/**
 * Checks that every input exists and carries the headers its source maps, before anything runs.
 * Throws one UsageError listing every problem as `sources[i].…: message`.
 */
export async function checkInputs(loaded: LoadedPipeline): Promise<InputCheck[]> {
  const problems: string[] = [];
  const checks: InputCheck[] = [];
  for (const [i, source] of loaded.pipeline.sources.entries()) {
    const path = loaded.sourcePaths[i]!;
    const info = await stat(path).catch(() => null);
    if (!info || !info.isFile()) {
      problems.push(`sources[${i}].path: input file not found: ${path}`);
      continue;
    }
    const { headers, encoding } = await readHeaders(source, path);
    for (const p of headerProblems(source, headers, basename(path))) problems.push(`sources[${i}].columns.${p.field}: ${p.message}`);
    checks.push({ source: source.name, kind: source.kind, path, size: info.size, encoding, headers });
  }
  if (problems.length) throw new UsageError(`${loaded.file}: the inputs do not match the pipeline\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return checks;
}
