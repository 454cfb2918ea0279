import { describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import { buildSummary } from '../../src/report/build-summary.js';
import { escapeHtml, renderReport } from '../../src/report/render-report.js';
import { selectTopFindings, toTopFinding } from '../../src/report/top-findings.js';
import { finding, person, nameKeys, idNumber, tinyInput } from './fixtures.js';

function render() {
  const input = tinyInput();
  const summary = buildSummary(input);
  const top = selectTopFindings(input.findings).map((f) =>
    toTopFinding(f, f.personId === 'P000000' ? input.persons[0] : f.personId === 'P000002' ? input.persons[3] : undefined),
  );
  return { summary, html: renderReport(summary, top) };
}

describe('renderReport', () => {
  it('matches the snapshot for a tiny county', () => {
    expect(render().html).toMatchSnapshot();
  });

  it('puts one data-total per finding type, equal to the summary', () => {
    const { summary, html } = render();
    for (const t of FINDING_TYPES) {
      const m = html.match(new RegExp(`data-total="${t}">(\\d+)<`, 'g'));
      expect(m, t).toHaveLength(1);
      expect(m![0]).toBe(`data-total="${t}">${summary.findings.byType[t]}<`);
    }
  });

  it('is self-contained: no scripts, external links or fonts', () => {
    const { html } = render();
    expect(html).not.toMatch(/<script|<link|@import|url\(|src=/i);
    expect(html.match(/https?:\/\/[^"]*/g) ?? []).toEqual(Array(html.match(/<svg/g)!.length).fill('http://www.w3.org/2000/svg'));
  });

  it('escapes text and masks names and IDs', () => {
    const { html } = render();
    expect(html).not.toContain('王<b>');
    expect(html).not.toContain('<county>');
    expect(html).toContain('tiny &#60;county&#62;');
    expect(html).toContain('王*');
    expect(html).not.toContain('王&#60;b&#62;丽');
    expect(html).not.toContain('43010419800517123X');
    expect(html).toContain('430104********123X');
  });

  it.each([
    ['<script>', '&#60;script&#62;'],
    [`a&b"c'd`, 'a&#38;b&#34;c&#39;d'],
  ])('escapeHtml(%s)', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
  });

  it('lists the top findings by priority without REVIEW pairs', () => {
    const input = tinyInput();
    const top = selectTopFindings(input.findings);
    expect(top.map((f) => f.findingId)).toEqual(['F000002', 'F000005', 'F000003', 'F000001']);
    const p = person(0, { name: nameKeys('欧阳<i>', 2), id: idNumber('110101199001011234') });
    expect(toTopFinding(finding({ findingId: 'X', type: 'OMISSION' }), p)).toMatchObject({ name: '欧阳*', idNumber: '110101********1234' });
  });
});
