import { FINDING_LABELS_ZH, FINDING_TYPES } from '../model.js';
import type { FindingType } from '../model.js';
import { HUKOU_SEPARATION_LEVELS, OFFICIAL_SEPARATION_LEVELS } from './build-summary.js';
import type { AreaCounts, Summary } from './build-summary.js';
import { formatScore } from './finding-table.js';
import type { TopFinding } from './top-findings.js';

const FINDING_LABELS_EN: Record<FindingType, string> = {
  DUPLICATE: 'Duplicate enumeration',
  OMISSION: 'Suspected omission',
  REGISTERED_ABSENT: 'Registered but absent',
  NOT_AT_REGISTERED_ADDRESS: 'Not at registered address',
  UNREGISTERED: 'No household registration',
  DECEASED_NOT_CANCELLED: 'Deceased, registration not cancelled',
  ATTRIBUTE_CONFLICT: 'Conflicting attributes',
  ID_COLLISION: 'One ID, several people',
  VACANT_REGISTERED_DWELLING: 'Registered dwelling vacant',
  OCCUPIED_NOT_ENUMERATED: 'Occupied dwelling not enumerated',
  REVIEW: 'Clerical review',
};

const LEVEL_LABELS: Record<(typeof HUKOU_SEPARATION_LEVELS)[number], [string, string]> = {
  WITHIN_TOWN: ['本乡镇街道内', 'within the township'],
  WITHIN_COUNTY: ['本县其他乡镇街道', 'other township of the county'],
  OUTSIDE_COUNTY: ['其他县', 'outside the county'],
};

const PASS_LABELS: Record<string, [string, string]> = {
  id: ['身份证号', 'ID number'],
  probabilistic: ['概率匹配', 'probabilistic'],
  birth: ['出生记录', 'birth records'],
};

/** Small areas drawn in the chart (all are in the table). */
const CHART_AREAS = 30;

const CSS = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.5rem;color:#1a1a1a;background:#fff;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.2rem;margin:1.8rem 0 .5rem;border-bottom:2px solid #2b5c8a;padding-bottom:.2rem}
h3{font-size:1rem;margin:1rem 0 .4rem}
.en{color:#666;font-size:.85em;font-weight:normal;margin-left:.4em}
table{border-collapse:collapse;margin:.4rem 0;font-size:.88rem}
th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#eef3f8}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tr.total td{font-weight:bold;background:#f6f6f6}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{border:1px solid #ccd;border-radius:6px;padding:.5rem .8rem;min-width:9rem}
.card .v{font-size:1.4rem;font-weight:bold}
.wide{overflow-x:auto}
svg{display:block;margin:.4rem 0;max-width:100%;height:auto}
svg text{font-size:11px;fill:#333}
.bar{fill:#2b5c8a}.bar2{fill:#c0504d}
details summary{cursor:pointer;margin:.4rem 0}
footer{margin-top:2rem;color:#777;font-size:.8rem}
@media print{details{display:block}h2{break-after:avoid}}
`;

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const esc = escapeHtml;

function percent(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

function heading(zh: string, en: string, id: string): string {
  return `<h2 id="${id}">${esc(zh)}<span class="en">${esc(en)}</span></h2>`;
}

interface Bar {
  label: string;
  value: number;
  title?: string;
}

/** Horizontal bar chart as inline SVG. */
function barChart(bars: readonly Bar[], labelZh: string, labelWidth = 170): string {
  if (bars.length === 0) return '';
  const rowH = 20;
  const chartW = 460;
  const width = labelWidth + chartW + 70;
  const height = bars.length * rowH + 8;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rows = bars
    .map((b, i) => {
      const y = 4 + i * rowH;
      const w = Math.round((b.value / max) * chartW * 10) / 10;
      return (
        `<g><title>${esc(b.title ?? b.label)}: ${b.value}</title>` +
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>` +
        `<rect class="bar" x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowH - 6}"/>` +
        `<text x="${labelWidth + w + 4}" y="${y + 14}">${b.value}</text></g>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(labelZh)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${rows}</svg>`;
}

/** Vertical histogram of match weights as inline SVG. */
function histogram(bins: Summary['linkage']['weightHistogram']): string {
  if (bins.length === 0) return '<p>无数据 <span class="en">no scored pairs</span></p>';
  const plotH = 160;
  const barW = Math.max(8, Math.min(28, Math.floor(720 / bins.length)));
  const left = 50;
  const width = left + bins.length * barW + 20;
  const height = plotH + 50;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bars = bins
    .map((b, i) => {
      const h = Math.round((b.count / max) * plotH * 10) / 10;
      const x = left + i * barW;
      const from = b.from === null ? '−∞' : String(b.from);
      const to = b.to === null ? '+∞' : String(b.to);
      const label = i % Math.ceil(bins.length / 12) === 0 ? `<text x="${x}" y="${plotH + 22}" text-anchor="middle">${from}</text>` : '';
      return `<g><title>[${from}, ${to}): ${b.count}</title><rect class="${b.from === null || b.from < 0 ? 'bar2' : 'bar'}" x="${x + 1}" y="${10 + plotH - h}" width="${barW - 2}" height="${h}"/>${label}</g>`;
    })
    .join('');
  const axis =
    `<line x1="${left}" y1="${10 + plotH}" x2="${width - 10}" y2="${10 + plotH}" stroke="#999"/>` +
    `<text x="${left - 6}" y="18" text-anchor="end">${max}</text><text x="${left - 6}" y="${10 + plotH}" text-anchor="end">0</text>` +
    `<text x="${left + (bins.length * barW) / 2}" y="${plotH + 42}" text-anchor="middle">匹配权重 match weight</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="匹配权重分布" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${axis}${bars}</svg>`;
}

function typeHeaderCells(): string {
  return FINDING_TYPES.map((t) => `<th class="n" title="${t}">${esc(FINDING_LABELS_ZH[t])}</th>`).join('');
}

function areaTable(areas: Record<string, AreaCounts>, labelZh: string, labelEn: string, attr: string): string {
  const rows = Object.entries(areas)
    .map(
      ([code, c]) =>
        `<tr><td>${esc(code)}</td><td class="n" data-${attr}="${esc(code)}">${c.total}</td>` +
        FINDING_TYPES.map((t) => `<td class="n">${c.byType[t] ?? 0}</td>`).join('') +
        '</tr>',
    )
    .join('');
  return (
    `<div class="wide"><table><thead><tr><th>${esc(labelZh)}<span class="en">${esc(labelEn)}</span></th><th class="n">合计</th>${typeHeaderCells()}</tr></thead>` +
    `<tbody>${rows}</tbody></table></div>`
  );
}

function areaBars(areas: Record<string, AreaCounts>, limit: number): Bar[] {
  return Object.entries(areas)
    .map(([code, c]) => ({ label: code, value: c.total }))
    .sort((a, b) => b.value - a.value || (a.label < b.label ? -1 : 1))
    .slice(0, limit);
}

function totalsSection(s: Summary): string {
  const rows = FINDING_TYPES.map(
    (t) =>
      `<tr><td>${esc(FINDING_LABELS_ZH[t])}</td><td>${esc(FINDING_LABELS_EN[t])} <code>${t}</code></td><td class="n" data-total="${t}">${s.findings.byType[t]}</td></tr>`,
  ).join('');
  const sep = s.hukouSeparation;
  const levels = HUKOU_SEPARATION_LEVELS.map(
    (l) =>
      `<tr><td>${esc(LEVEL_LABELS[l][0])}</td><td>${esc(LEVEL_LABELS[l][1])}${OFFICIAL_SEPARATION_LEVELS.includes(l) ? ' ✓' : ''}</td><td class="n" data-hukou-level="${l}">${sep.byLevel[l]}</td></tr>`,
  ).join('');
  const bars = FINDING_TYPES.map((t) => ({ label: FINDING_LABELS_ZH[t], value: s.findings.byType[t], title: t }));
  return (
    heading('核查结果汇总', 'Findings by type', 'totals') +
    `<div class="cards">` +
    `<div class="card">发现合计 <span class="en">findings</span><div class="v" data-findings-total>${s.findings.total}</div></div>` +
    (['1', '2', '3'] as const)
      .map((p) => `<div class="card">优先级 ${p} <span class="en">priority ${p}</span><div class="v" data-priority="${p}">${s.findings.byPriority[p]}</div></div>`)
      .join('') +
    `<div class="card">人户分离(官方口径) <span class="en">official not-at-registered-address</span><div class="v" data-hukou-official>${sep.official}</div></div>` +
    `</div>` +
    `<table><thead><tr><th>类型</th><th>Type</th><th class="n">数量 <span class="en">count</span></th></tr></thead><tbody>${rows}` +
    `<tr class="total"><td>合计</td><td>Total</td><td class="n">${s.findings.total}</td></tr></tbody></table>` +
    barChart(bars, '各类型发现数量') +
    `<h3>人户分离分级<span class="en">Not at registered address, by level (✓ counts in the official figure)</span></h3>` +
    `<table><thead><tr><th>级别</th><th>Level</th><th class="n">人数</th></tr></thead><tbody>${levels}</tbody></table>`
  );
}

function areasSection(s: Summary): string {
  const towns = s.areas.towns;
  const small = s.areas.smallAreas;
  const nSmall = Object.keys(small).length;
  return (
    heading('分乡镇街道', 'By town', 'towns') +
    barChart(areaBars(towns, Number.POSITIVE_INFINITY), '分乡镇街道发现数量') +
    areaTable(towns, '乡镇街道代码', 'town code', 'town') +
    heading('分普查小区', 'By census small area', 'areas') +
    `<p>共 <b data-small-areas>${nSmall}</b> 个普查小区有发现；未能归属小区的发现 <b data-unassigned>${s.areas.unassigned}</b> 条。` +
    `<span class="en">${nSmall} small areas with findings; findings without a small area: ${s.areas.unassigned}. Chart: the ${Math.min(CHART_AREAS, nSmall)} areas with most findings.</span></p>` +
    barChart(areaBars(small, CHART_AREAS), '发现最多的普查小区') +
    `<details${nSmall <= 50 ? ' open' : ''}><summary>全部普查小区 <span class="en">all small areas</span></summary>` +
    areaTable(small, '普查小区代码', 'small-area code', 'area') +
    `</details>`
  );
}

function coverageSection(s: Summary): string {
  const c = s.registerCoverage;
  return (
    heading('户籍覆盖率', 'Register coverage', 'coverage') +
    `<p>本辖区在册(正常)户籍人口 <b data-coverage="activeInScope">${c.activeInScope}</b> 人，其中已有普查登记 <b data-coverage="enumerated">${c.enumerated}</b> 人，覆盖率 <b data-coverage="share">${percent(c.share)}</b>。` +
    `<span class="en">Active in-scope register entries whose person has an enumeration record.</span></p>`
  );
}

function linkageSection(s: Summary): string {
  const l = s.linkage;
  const passes = Object.entries(l.linksByPass)
    .map(([p, n]) => `<tr><td>${esc(PASS_LABELS[p]?.[0] ?? p)}</td><td>${esc(PASS_LABELS[p]?.[1] ?? p)}</td><td class="n" data-links="${esc(p)}">${n}</td></tr>`)
    .join('');
  const rules = Object.entries(l.candidatePairsByRule)
    .map(([r, n]) => `<tr><td><code>${esc(r)}</code></td><td class="n" data-rule="${esc(r)}">${n}</td></tr>`)
    .join('');
  return (
    heading('记录关联', 'Record linkage', 'linkage') +
    `<div class="cards">` +
    `<div class="card">记录 <span class="en">records</span><div class="v" data-linkage="records">${l.records}</div></div>` +
    `<div class="card">识别人数 <span class="en">persons</span><div class="v" data-linkage="persons">${l.persons}</div></div>` +
    `<div class="card">关联 <span class="en">links</span><div class="v" data-linkage="links">${l.links}</div></div>` +
    `<div class="card">待人工核对 <span class="en">review band</span><div class="v" data-linkage="reviewPairs">${l.reviewPairs}</div></div>` +
    `<div class="card">一号多人 <span class="en">ID collisions</span><div class="v" data-linkage="idCollisions">${l.idCollisions}</div></div>` +
    `</div>` +
    `<h3>按关联方式<span class="en">Links by pass</span></h3>` +
    `<table><thead><tr><th>方式</th><th>Pass</th><th class="n">关联数</th></tr></thead><tbody>${passes}</tbody></table>` +
    `<h3>候选对(按分块规则)<span class="en">Candidate pairs per blocking rule</span></h3>` +
    `<table><thead><tr><th>规则 rule</th><th class="n">候选对</th></tr></thead><tbody>${rules}</tbody></table>` +
    `<h3>匹配权重分布<span class="en">Histogram of match weights (log2 Bayes factor) of scored pairs</span></h3>` +
    histogram(l.weightHistogram)
  );
}

function sourcesSection(s: Summary): string {
  const rows = Object.entries(s.sources)
    .map(
      ([name, c]) =>
        `<tr><td>${esc(name)}</td><td class="n" data-source-read="${esc(name)}">${c.read}</td><td class="n">${c.accepted}</td>` +
        `<td class="n" data-source-rejected="${esc(name)}">${c.rejected}</td><td class="n">${percent(c.rejectRate)}</td></tr>`,
    )
    .join('');
  const reasons = Object.entries(s.rejects.bySource)
    .filter(([, r]) => r.total > 0)
    .map(
      ([name, r]) =>
        `<tr><td>${esc(name)}</td><td class="n">${r.total}</td><td>${r.topReasons.map((t) => `<code>${esc(t.code)}</code> ${t.count}`).join('；')}</td></tr>`,
    )
    .join('');
  return (
    heading('数据源与拒收记录', 'Sources and rejected rows', 'sources') +
    `<table><thead><tr><th>数据源 source</th><th class="n">读入 read</th><th class="n">接收 accepted</th><th class="n">拒收 rejected</th><th class="n">拒收率 rate</th></tr></thead><tbody>${rows}</tbody></table>` +
    barChart(
      Object.entries(s.sources).map(([name, c]) => ({ label: name, value: c.rejected })),
      '各数据源拒收记录',
    ) +
    (reasons
      ? `<h3>主要拒收原因<span class="en">Top reject reasons per source</span></h3><table><thead><tr><th>数据源</th><th class="n">拒收</th><th>原因代码 reason codes</th></tr></thead><tbody>${reasons}</tbody></table>`
      : '<p>无拒收记录 <span class="en">no rejected rows</span></p>')
  );
}

function topSection(top: readonly TopFinding[]): string {
  const rows = top
    .map(
      (f, i) =>
        `<tr><td class="n">${i + 1}</td><td>${f.priority}</td><td>${esc(f.labelZh)}</td><td>${esc(f.areaCode)}</td><td>${esc(f.address)}</td>` +
        `<td>${esc(f.name)}</td><td>${esc(f.idNumber)}</td><td class="n">${esc(formatScore(f.score))}</td>` +
        `<td>${esc(f.reasonZh)}<br><span class="en">${esc(f.reasonEn)}</span></td><td><code>${esc(f.findingId)}</code></td></tr>`,
    )
    .join('');
  return (
    heading('优先处理的发现', `Highest-priority findings (top ${top.length})`, 'top') +
    (rows
      ? `<div class="wide"><table><thead><tr><th>#</th><th>优先级</th><th>类型</th><th>普查小区</th><th>地址</th><th>姓名</th><th>身份证号</th><th>分值</th><th>原因 reason</th><th>编号</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : '<p>无 <span class="en">none</span></p>')
  );
}

/** No timings here: the report must be byte-identical for the same inputs (timings live in summary.json and manifest.json). */
function timingsFooter(s: Summary): string {
  return `<footer>census-recon · ${esc(s.pipeline)}</footer>`;
}

/** The analysts' report: one self-contained HTML page (inline CSS and SVG, no scripts); every figure comes from `summary`. */
export function renderReport(summary: Summary, topFindings: readonly TopFinding[]): string {
  const s = summary;
  return (
    `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>普查比对复查报告 · ${esc(s.pipeline)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n` +
    `<header><h1>普查比对复查报告<span class="en">Census reconciliation report</span></h1>` +
    `<p>任务 <span class="en">pipeline</span> <b>${esc(s.pipeline)}</b> · 标准时点 <span class="en">reference date</span> <b>${esc(s.referenceDate)}</b> · ` +
    `范围 <span class="en">scope</span> <b>${esc(s.scopePrefix)}</b></p></header>\n` +
    `<nav>${[
      ['totals', '汇总'],
      ['towns', '乡镇街道'],
      ['areas', '普查小区'],
      ['coverage', '覆盖率'],
      ['linkage', '关联'],
      ['sources', '数据源'],
      ['top', '优先处理'],
    ]
      .map(([id, zh]) => `<a href="#${id}">${zh}</a>`)
      .join(' · ')}</nav>\n` +
    `<main>\n${totalsSection(s)}\n${areasSection(s)}\n${coverageSection(s)}\n${linkageSection(s)}\n${sourcesSection(s)}\n${topSection(topFindings)}\n</main>\n` +
    `${timingsFooter(s)}\n</body>\n</html>\n`
  );
}
