import type { PersonRecord } from '../../model.js';
import { withinOneEdit } from '../code-point-distance.js';
import type { Comparison } from './comparison.js';

/** Name: exact key (term-frequency adjusted), homophone, dialect-fuzzy pinyin, one character off. */
export const name: Comparison = {
  name: 'name',
  description: 'person name: key, pinyin (homophones), dialect-folded pinyin, code-point edit distance',
  levels: [
    { label: 'null', description: 'a name is missing' },
    { label: 'exact', description: 'same name' },
    { label: 'pinyin', description: 'same pinyin (homophone, e.g. 王丽/王莉)' },
    { label: 'pinyin_fuzzy', description: 'same pinyin after folding dialect confusions (n/l, z/zh …)' },
    { label: 'edit_1', description: 'one character different' },
    { label: 'else', description: 'different names' },
  ],
  compare(l: PersonRecord, r: PersonRecord): number {
    const a = l.name.key;
    const b = r.name.key;
    if (a === '' || b === '') return 0;
    if (a === b) return 1;
    const pa = l.name.pinyin;
    if (pa !== '' && pa === r.name.pinyin) return 2;
    const fa = l.name.pinyinFuzzy;
    if (fa !== '' && fa === r.name.pinyinFuzzy) return 3;
    if (withinOneEdit(a, b)) return 4;
    return 5;
  },
  exactValue: (r) => r.name.key,
  exactLevel: 1,
  termFrequency: true,
  defaultM: [1, 0.85, 0.05, 0.03, 0.04, 0.03],
};
