/** Between the source and the record key in a ref (persons.csv writes refs from their parts). */
export const REF_SEPARATOR = ':';

/**
 * A record's reference in every output, `<source>:<record_key>`. Made when needed rather than kept
 * on each record: a million-person run holds three million records, and the kept strings were an
 * eighth of the record heap.
 */
export function recordRef(record: { readonly source: string; readonly recordKey: string }): string {
  return `${record.source}${REF_SEPARATOR}${record.recordKey}`;
}
