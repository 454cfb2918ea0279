import type { SourceKind } from '../model.js';

/** Source kinds as named in reasons. */
export const KIND_LABELS: Record<SourceKind, { zh: string; en: string }> = {
  enumeration: { zh: '普查登记', en: 'census enumeration' },
  register: { zh: '公安户籍', en: 'household register' },
  births: { zh: '出生医学证明', en: 'birth certificate' },
  schooling: { zh: '学籍', en: 'school roll' },
  utilities: { zh: '水电气', en: 'utilities' },
  deaths: { zh: '死亡证明', en: 'death record' },
};

/** YYYY-MM of a YYYY-MM-DD date (reasons use month granularity). */
export function month(date: string): string {
  return date.slice(0, 7);
}
