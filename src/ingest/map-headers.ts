import { UsageError } from '../cli/command.js';
import type { SourceConfig } from '../pipeline/pipeline-schema.js';

export interface HeaderMap {
  /** canonical field → column index, in the order the pipeline declares them */
  fieldIndex: Array<[field: string, index: number]>;
  recordKeyIndex: number;
}

/** Header text as compared: NFKC (fullwidth brackets), trimmed, ASCII case folded. */
export function headerKey(header: string): string {
  return header.normalize('NFKC').replace(/^\ufeff/, '').trim().toLowerCase();
}

/** Problems with a source's mapping against the headers actually in its file (empty when fine). */
export function headerProblems(source: SourceConfig, headers: readonly string[], fileLabel: string): Array<{ field: string; message: string }> {
  const present = new Set(headers.map(headerKey));
  const problems: Array<{ field: string; message: string }> = [];
  for (const [field, header] of Object.entries(source.columns)) {
    if (!present.has(headerKey(header))) {
      problems.push({
        field,
        message: `header "${header}" not found in ${fileLabel}; headers are ${headers.length ? headers.map((h) => `"${h}"`).join(', ') : '(none: the file is empty)'}`,
      });
    }
  }
  return problems;
}

/** Maps canonical fields to column indexes; throws UsageError naming the field when a header is missing. */
export function mapHeaders(source: SourceConfig, headers: readonly string[], fileLabel: string, sourceIndex?: number): HeaderMap {
  const problems = headerProblems(source, headers, fileLabel);
  if (problems.length) {
    const at = sourceIndex === undefined ? `source "${source.name}"` : `sources[${sourceIndex}]`;
    throw new UsageError(problems.map((p) => `${at}.columns.${p.field}: ${p.message}`).join('\n'));
  }
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(h);
    if (!index.has(key)) index.set(key, i);
  });
  const fieldIndex = Object.entries(source.columns).map(([field, header]): [string, number] => [field, index.get(headerKey(header))!]);
  return { fieldIndex, recordKeyIndex: index.get(headerKey(source.columns['record_key']!))! };
}
