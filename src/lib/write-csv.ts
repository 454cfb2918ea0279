import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';

const BOM = '\ufeff';

/** Streams rows to a UTF-8 CSV with a BOM and one header row (the contract's CSV dialect). */
export async function writeCsv(
  path: string,
  header: readonly string[],
  rows: Iterable<ReadonlyArray<string | number>>,
): Promise<void> {
  const file = createWriteStream(path);
  const done = once(file, 'finish');
  const stringifier = stringify({ header: true, columns: header as string[], record_delimiter: 'unix' });
  file.write(BOM);
  stringifier.pipe(file);
  for (const row of rows) {
    if (!stringifier.write(row as (string | number)[])) await once(stringifier, 'drain');
  }
  stringifier.end();
  await done;
}
