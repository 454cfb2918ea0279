import type { NameKeys } from '../model.js';

/** Name for the analysts' report: surname + '*' (王* / 欧阳*), '' when blank. */
export function maskName(name: NameKeys | null): string {
  if (!name || !name.display) return '';
  const surnameLength = Math.max(1, [...name.surname].length);
  return `${[...name.display].slice(0, surnameLength).join('')}*`;
}
