import { describe, expect, it } from 'vitest';
import { makeFinding, type FindingDraft } from '../../src/reconcile/make-finding.js';

const draft = (refs: string[]): FindingDraft => ({
  type: 'DUPLICATE',
  location: { areaCode: '110101001001', enumeratorId: 'E01', address: '幸福路1号' },
  person: null,
  refs,
  score: null,
  reasonZh: '重复登记',
  reasonEn: 'enumerated twice',
});

describe('makeFinding', () => {
  it('sorts a finding\'s refs and keeps each once, however many there are', () => {
    expect(makeFinding(draft(['census:2', 'census:10'])).recordRefs).toEqual(['census:10', 'census:2']);
    expect(makeFinding(draft(['census:10', 'census:2'])).recordRefs).toEqual(['census:10', 'census:2']);
    expect(makeFinding(draft(['register:7', 'register:7'])).recordRefs).toEqual(['register:7']);
    expect(makeFinding(draft(['register:7'])).recordRefs).toEqual(['register:7']);
    expect(makeFinding(draft(['c:3', 'a:1', 'b:2', 'a:1'])).recordRefs).toEqual(['a:1', 'b:2', 'c:3']);
    // code-unit order, as Array.prototype.sort's default: upper case before lower, digits before both
    expect(makeFinding(draft(['b:x', 'B:x'])).recordRefs).toEqual(['B:x', 'b:x']);
  });

  it('gives the same id whatever order the refs come in, and does not change the draft\'s list', () => {
    const refs = ['register:7', 'census:3'];
    const a = makeFinding(draft(refs));
    const b = makeFinding(draft(['census:3', 'register:7']));
    expect(a.findingId).toBe(b.findingId);
    expect(a.findingId).toMatch(/^F[0-9a-f]{16}$/);
    expect(refs).toEqual(['register:7', 'census:3']);
  });
});
