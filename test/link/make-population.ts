import type { PersonRecord } from '../../src/model.js';
import { prng } from '../../src/link/prng.js';
import { fakeId, indexed, makeRecord, type RecordSpec } from './make-record.js';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高', '欧阳', '曾', '谭', '龚'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚', '桂英', '建国', '小红', '宁', '兰', '志强', '海燕', '文', '斌'];
const HOMOPHONE: Record<string, string> = { 丽: '莉', 伟: '玮', 芳: '方', 静: '晶', 敏: '民', 明: '铭', 杰: '洁', 宁: '玲', 兰: '南' };

export interface Population {
  records: PersonRecord[];
  /** record position → true person number (the generator's truth). */
  truth: number[];
}

/**
 * A fictional county: each person has an enumeration and a register record (sometimes a school
 * record), with the domain's dirt at modest rates; births link to their child through the mother.
 */
export function makePopulation(persons: number, seed = 7): Population {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const specs: RecordSpec[] = [];
  const truth: number[] = [];
  const add = (p: number, s: RecordSpec): void => {
    specs.push({ recordKey: `G${seed}-${specs.length}`, ...s });
    truth.push(p);
  };
  for (let p = 0; p < persons; p++) {
    const surname = pick(SURNAMES);
    const given = pick(GIVEN) + (rand() < 0.5 ? pick(GIVEN) : '');
    const name = surname + given;
    const y = 1940 + Math.floor(rand() * 80);
    const mo = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const birthDate = `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const sex = rand() < 0.5 ? 'M' : 'F';
    const seq = String(Math.floor(rand() * 500) * 2 + (sex === 'M' ? 1 : 0)).padStart(3, '0');
    const id = fakeId('430104', birthDate.replaceAll('-', ''), seq);
    const village = `4301040010${String(10 + (p % 20))}`;
    const address = `幸福路${1 + Math.floor(p / 3)}号${1 + (p % 3)}室`;
    const noId = y >= 2018 || rand() < 0.03;
    add(p, {
      kind: 'enumeration', name, birthDate, sex, address, areaCode: `${village}001`, household: `H${Math.floor(p / 3)}`,
      id: noId ? '' : id,
    });
    // register: sometimes at another address (人户分离), with typos
    const moved = rand() < 0.2;
    const r = rand();
    const regName = r < 0.04 ? surname + given.split('').map((c) => HOMOPHONE[c] ?? c).join('') : name;
    const regDate = rand() < 0.03 ? `${birthDate.slice(0, 9)}${(Number(birthDate[9]) + 1) % 10}` : birthDate;
    let regId = noId ? '' : id;
    if (!noId && rand() < 0.05) regId = id.slice(0, 10) + id[11] + id[10] + id.slice(12); // transposition typo
    add(p, {
      kind: 'register', name: regName, birthDate: regDate, sex, id: regId,
      address: moved ? `建设路${1 + Math.floor(rand() * 400)}号` : address,
      areaCode: moved ? `43010400${2 + Math.floor(rand() * 5)}001` : village, household: `R${moved ? 'm' + p : Math.floor(p / 3)}`,
    });
    if (y >= 2018) add(p, { kind: 'births', sex, birthDate, address, motherName: '周小红', motherId: fakeId('430104', '19900101', '002') });
    else if (y >= 2008 && rand() < 0.8) add(p, { kind: 'schooling', name, birthDate, sex, id: noId ? '' : id, address });
  }
  const records = indexed(specs.map(makeRecord));
  return { records, truth };
}
