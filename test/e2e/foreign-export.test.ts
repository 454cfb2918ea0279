import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dirs.js';
import { idCheckChar } from '../../src/normalise/normalise-id.js';
import { loadPipeline } from '../../src/pipeline/load-pipeline.js';
import { silentProgress } from '../../src/pipeline/progress.js';
import { runPipeline } from '../../src/pipeline/run-pipeline.js';

// A hand-written export in another locality's dialect: English headers, other value spellings
// (male/female, 常住/外出半年以上, 在册/已迁出/已死亡), dates and IDs written several ways, a register in
// GB18030 with CRLF. It is deliberately not made by our generator, so rules tuned to the generator show.
// Every person is fictional.

const id = (first17: string): string => first17 + idCheckChar(first17);
const A = id('32010219800101001');
const B = id('32010219820202002');
const C = id('32010219700303003');
const D = id('32010219900404004');
const E = id('32010219920505002');
const F = id('32010219400606001');
const G = id('32010219880707005');

const census = [
  'rec_id,small_area,enumerator,hh,addr,full_name,pid,gender,dob,relation,residence,hukou_where',
  `P1,320102001001001,EN01,H1,玄武路8号1幢2单元101室,周建国,${A},male,1980/1/1,户主,常住,本村（居）委会`,
  // B lives here, registered in another community of the same town.
  `P2,320102001001001,EN01,H2,玄武路8号1幢2单元102室,吴秀英,${B.toLowerCase()},female,1982年2月2日,户主,常住,本乡（镇、街道）其他村（居）委会`,
  // D is enumerated twice as a resident, in two small areas.
  `P3,320102001001001,EN01,H3,玄武路8号2幢1单元201室,郑志强,${D},male,19900404,户主,常住,本村（居）委会`,
  `P4,320102001001002,EN02,H4,玄武路10号3栋1单元301室,郑志強,${D},male,1990-04-04,户主,常住,本村（居）委会`,
  // E, mother of an unnamed baby born in 2020-05 (the baby is not enumerated).
  `P5,320102001001002,EN02,H5,玄武路10号3栋1单元302室,冯丽,${E},female,1992-05-05,户主,常住,本村（居）委会`,
  // G lives here with no register entry anywhere.
  `P6,320102001001002,EN02,H6,玄武路10号3栋1单元303室,何静,${G},female,1988-07-07,户主,常住,本村（居）委会`,
  // A registered member who is away is not a duplicate and not absent.
  `P7,320102001001001,EN01,H1,玄武路8号1幢2单元101室,周小军,,male,2005-09-09,子,外出半年以上,本村（居）委会`,
];

const register = [
  'person_no,hh_no,division,reg_addr,name,id_no,sex,birth,state',
  `R1,HJ1,320102001001,玄武路八号一栋二单元101,周建国,${A},1,1980-01-01,在册`,
  `R2,HJ2,320102001002,中山路5号1栋1单元501室,吴秀英,${B},2,1982-02-02,在册`,
  `R3,HJ3,320102001001,玄武路8号2幢1单元202室,王德明,${C},1,1970-03-03,在册`,
  `R4,HJ4,320102001001,玄武路8号2幢1单元201室,郑志强,${D},1,1990-04-04,在册`,
  `R5,HJ5,320102001001,玄武路10号3栋1单元302室,冯丽,${E},2,1992-05-05,在册`,
  `R6,HJ6,320102001001,玄武路12号1栋1单元101室,钱桂兰,${F},2,1940-06-06,在册`,
  `R7,HJ1,320102001001,玄武路8号1幢2单元101室,周小军,,1,2005-09-09,在册`,
  `R8,HJ7,320102001001,玄武路12号1栋1单元102室,孙某某,${id('32010219660808003')},1,1966-08-08,在册`,
  `R9,HJ8,320102001001,玄武路8号2幢1单元203室,李国华,${id('32010219750909001')},1,1975-09-09,已迁出`,
];

const births = [
  'cert_no,baby_name,baby_sex,born_on,mom,mom_id,home',
  `B1,,female,2020-05-12,冯丽,${E},玄武路10号3栋1单元302室`,
  // Born after the reference moment: outside the census.
  `B2,,male,2020-12-01,冯丽,${E},玄武路10号3栋1单元302室`,
];

const deaths = ['cert,deceased,id,died_on', `D1,钱桂兰,${F},2019年12月1日`];

// Utilities: the vacant registered dwelling (12号1栋1单元102室) uses nothing; an unregistered, unenumerated
// dwelling (玄武路14号) uses water and electricity every month.
const utilities = ['acct,kind,addr,month,usage'];
for (const month of ['2020-07', '2020-08', '2020-09', '2020-10']) {
  utilities.push(`W1-${month},自来水,玄武路12号1栋1单元102室,${month},0`);
  utilities.push(`E1-${month},用电,玄武路12号1栋1单元102室,${month},0`);
  utilities.push(`W2-${month},自来水,玄武路14号1栋1单元101室,${month},9.5`);
  utilities.push(`E2-${month},用电,玄武路14号1栋1单元101室,${month},180`);
}

let runDir = '';
type Row = Record<string, string>;
let findings: Row[] = [];

function readCsv(path: string): Row[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\ufeff/, '').trim().split('\n');
  const cols = header!.split(',');
  return lines.map((line) => {
    // Good enough for these outputs: split on commas outside quotes.
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"'));
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

const tempDir = tempDirs('census-recon-foreign-');

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'census.csv'), `${census.join('\n')}\n`);
  writeFileSync(join(dir, 'register.csv'), iconv.encode(`${register.join('\r\n')}\r\n`, 'gb18030'));
  writeFileSync(join(dir, 'births.csv'), `\ufeff${births.join('\n')}\n`);
  writeFileSync(join(dir, 'deaths.csv'), `${deaths.join('\n')}\n`);
  writeFileSync(join(dir, 'utilities.csv'), `${utilities.join('\n')}\n`);
  const pipeline = {
    name: 'foreign',
    reference_date: '2020-11-01',
    scope: { area_prefix: '320102' },
    sources: [
      {
        name: 'enum',
        kind: 'enumeration',
        path: 'census.csv',
        columns: {
          record_key: 'rec_id', area_code: 'small_area', enumerator_id: 'enumerator', household_id: 'hh', address: 'addr',
          name: 'full_name', id_number: 'pid', sex: 'gender', birth_date: 'dob', relationship: 'relation', presence: 'residence', hukou_place: 'hukou_where',
        },
      },
      {
        name: 'reg',
        kind: 'register',
        path: 'register.csv',
        columns: {
          record_key: 'person_no', household_no: 'hh_no', area_code: 'division', address: 'reg_addr', name: 'name',
          id_number: 'id_no', sex: 'sex', birth_date: 'birth', status: 'state',
        },
      },
      {
        name: 'bir',
        kind: 'births',
        path: 'births.csv',
        columns: { record_key: 'cert_no', child_name: 'baby_name', sex: 'baby_sex', birth_date: 'born_on', mother_name: 'mom', mother_id: 'mom_id', address: 'home' },
      },
      { name: 'dea', kind: 'deaths', path: 'deaths.csv', columns: { record_key: 'cert', name: 'deceased', id_number: 'id', death_date: 'died_on' } },
      {
        name: 'utl',
        kind: 'utilities',
        path: 'utilities.csv',
        columns: { record_key: 'acct', utility: 'kind', address: 'addr', period: 'month', consumption: 'usage' },
      },
    ],
    output: { dir: 'out' },
  };
  writeFileSync(join(dir, 'pipeline.json'), JSON.stringify(pipeline));
  const outcome = await runPipeline({ loaded: await loadPipeline(join(dir, 'pipeline.json')), progress: silentProgress });
  runDir = outcome.runDir;
  findings = readCsv(join(runDir, 'findings.csv'));
}, 60_000);

const ofType = (type: string): Row[] => findings.filter((f) => f.type === type);
const refsOf = (type: string): string[] => ofType(type).map((f) => f.record_refs!);

describe('an export from another locality, in its own spellings', () => {
  it('reads every row of every source', () => {
    const summary = JSON.parse(readFileSync(join(runDir, 'summary.json'), 'utf8')) as { sources: Record<string, { read: number; rejected: number }> };
    expect(Object.fromEntries(Object.entries(summary.sources).map(([k, v]) => [k, [v.read, v.rejected]]))).toEqual({
      enum: [7, 0],
      reg: [9, 0],
      bir: [2, 0],
      dea: [1, 0],
      utl: [16, 0],
    });
  });

  it('links the same person across sources whatever the spelling of the address, date and ID', () => {
    const persons = readCsv(join(runDir, 'persons.csv'));
    const pid = (ref: string) => persons.find((p) => p.record_ref === ref)!.person_id;
    expect(pid('enum:P1')).toBe(pid('reg:R1'));
    expect(pid('enum:P2')).toBe(pid('reg:R2'));
    expect(pid('enum:P3')).toBe(pid('enum:P4'));
    expect(pid('enum:P7')).toBe(pid('reg:R7'));
    expect(pid('dea:D1')).toBe(pid('reg:R6'));
    expect(pid('enum:P1')).not.toBe(pid('enum:P7'));
  });

  it.each([
    ['DUPLICATE', 'enum:P3;enum:P4'],
    ['REGISTERED_ABSENT', 'reg:R3'],
    ['UNREGISTERED', 'enum:P6'],
    ['DECEASED_NOT_CANCELLED', 'dea:D1;reg:R6'],
  ])('finds %s on %s', (type, refs) => {
    expect(refsOf(type)).toContain(refs);
  });

  it('finds the unenumerated baby born before the reference moment, not the one born after', () => {
    const omissions = ofType('OMISSION');
    expect(omissions.map((f) => f.record_refs)).toEqual(['bir:B1']);
    expect(omissions[0]!.priority).toBe('1');
    expect(findings.some((f) => f.record_refs!.includes('bir:B2'))).toBe(false);
  });

  it('finds the person living away from the registered address, within the town', () => {
    const naa = ofType('NOT_AT_REGISTERED_ADDRESS');
    expect(naa.map((f) => [f.record_refs, f.detail])).toEqual([['enum:P2;reg:R2', 'WITHIN_TOWN']]);
  });

  it('finds the vacant registered dwellings (空挂户) and the occupied dwelling nobody enumerated', () => {
    // Registered households where nobody was enumerated and utilities show no occupancy: the metered one
    // that used nothing, and those of the absent, the deceased and the person living elsewhere.
    expect(ofType('VACANT_REGISTERED_DWELLING').map((f) => f.address).sort()).toEqual([
      '中山路5号1栋1单元501室',
      '玄武路12号1栋1单元101室',
      '玄武路12号1栋1单元102室',
      '玄武路8号2幢1单元202室',
    ]);
    expect(ofType('OCCUPIED_NOT_ENUMERATED').map((f) => f.address)).toEqual(['玄武路14号1栋1单元101室']);
  });

  it('does not call the away member a duplicate or absent, nor the moved-out entry absent', () => {
    expect(findings.some((f) => f.record_refs!.includes('enum:P7') || f.record_refs!.includes('reg:R7'))).toBe(false);
    expect(findings.some((f) => f.record_refs!.includes('reg:R9'))).toBe(false);
  });
});
