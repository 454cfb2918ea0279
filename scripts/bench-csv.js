// Measures the CSV hot path: csv-parse (with and without line info) against the hand-written tokenizer.
// Usage: npm run build && node scripts/bench-csv.js [rows]
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { CsvTokenizer } from '../dist/ingest/csv-tokenizer.js';

const rows = Number(process.argv[2] ?? 1_000_000);
// A fictional enumeration row of realistic width; every tenth row quotes its address.
const plain = 'E00012345,430104001001001,EN0012,H0001234,芙蓉区芙蓉路12号3栋2单元301室,王小明,430104199003071234,男,1990-03-07,户主,在户,1,\n';
const quoted = plain.replace('芙蓉区芙蓉路12号3栋2单元301室', '"芙蓉区芙蓉路12号3栋2单元301室"');
const block = plain.repeat(9) + quoted;
const text = `a,b,c,d,e,f,g,h,i,j,k,l,m\n${block.repeat(Math.ceil(rows / 10))}`;
const chunks = [];
for (let i = 0; i < text.length; i += 1 << 19) chunks.push(text.slice(i, i + (1 << 19)));

async function viaCsvParse(options) {
  const t0 = performance.now();
  const parser = parse(options);
  Readable.from(chunks).pipe(parser);
  let n = 0;
  for await (const _ of parser) n++;
  return { n, s: (performance.now() - t0) / 1000 };
}

function viaTokenizer() {
  const t0 = performance.now();
  let n = 0;
  const t = new CsvTokenizer(',', () => n++);
  for (const c of chunks) t.push(c);
  t.end();
  return { n, s: (performance.now() - t0) / 1000 };
}

const results = {
  'csv-parse (info, relaxed)': await viaCsvParse({ info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
  'csv-parse (plain)': await viaCsvParse({ relax_column_count: true }),
  'CsvTokenizer': viaTokenizer(),
};
console.log(`${rows} rows, ${(Buffer.byteLength(text) / 1e6).toFixed(0)} MB`);
for (const [name, r] of Object.entries(results)) console.log(`${name.padEnd(28)} ${r.s.toFixed(2)} s  ${Math.round(r.n / r.s).toLocaleString('en')} rows/s`);
