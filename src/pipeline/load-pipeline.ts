import { readFile } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../cli/command.js';
import { pipelineSchema, type Pipeline } from './pipeline-schema.js';

/** A parsed, defaulted pipeline with every source path made absolute. */
export interface LoadedPipeline {
  pipeline: Pipeline;
  /** Absolute path of the pipeline file. */
  file: string;
  /** The file's bytes, for the manifest's hash. */
  bytes: Buffer;
  /** Absolute input path per source, in pipeline order. */
  sourcePaths: string[];
  /** Absolute output folder. */
  outDir: string;
}

/** Reads and validates a pipeline file (JSON or YAML); throws UsageError naming the exact path on any problem. */
export async function loadPipeline(path: string): Promise<LoadedPipeline> {
  const file = resolve(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`cannot read pipeline file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const raw = parsePipelineText(bytes.toString('utf8').replace(/^\ufeff/, ''), file);
  const pipeline = validatePipeline(raw, path);
  const base = dirname(file);
  return {
    pipeline,
    file,
    bytes,
    sourcePaths: pipeline.sources.map((s) => resolve(base, s.path)),
    outDir: resolve(base, pipeline.output.dir),
  };
}

function parsePipelineText(text: string, file: string): unknown {
  const ext = extname(file).toLowerCase();
  try {
    return ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    const kind = ext === '.yaml' || ext === '.yml' ? 'YAML' : 'JSON';
    throw new UsageError(`${file}: not valid ${kind}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** Validates a parsed pipeline object with zod; every problem is reported as `path: message`. */
export function validatePipeline(raw: unknown, label: string): Pipeline {
  const result = pipelineSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new UsageError(`${label}: invalid pipeline file\n${formatIssues(result.error.issues)}`);
}

/** `sources[2].columns.id_number: message`, one line per issue. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
        '',
      );
      return `  ${path || '(top level)'}: ${issue.message}`;
    })
    .join('\n');
}
