import { describe, expect, it } from 'vitest';
import { maskName } from '../../src/report/mask-name.js';
import { maskId } from '../../src/normalise/normalise-id.js';
import { nameKeys } from './fixtures.js';

describe('maskId', () => {
  it.each([
    ['430104198005171234', '430104********1234'],
    ['43010419800517123X', '430104********123X'],
    ['', ''],
  ])('%s → %s', (id, masked) => {
    expect(maskId(id)).toBe(masked);
  });
});

describe('maskName', () => {
  it.each([
    [nameKeys('王丽'), '王*'],
    [nameKeys('欧阳小明', 2), '欧阳*'],
    [nameKeys('<b>x', 1), '<*'],
    [nameKeys('买买提·艾力'), '买*'],
    [nameKeys('𠀀明'), '𠀀*'], // a character outside the basic plane is one character
    [nameKeys(''), ''],
    [null, ''],
  ])('%j → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});
