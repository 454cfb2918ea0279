import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { FINDING_TYPES } from '../../src/model.js';
import type { Summary } from '../../src/report/build-summary.js';
import { writeOutputs } from '../../src/report/write-outputs.js';
import { tinyInput } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(`report-browser: skipped, no chromium at ${CHROMIUM} (install it with apt-get install chromium; in CI this test must run)`);
}

describe.skipIf(!available && !process.env.CI)('report.html in a headless browser', () => {
  it('opens from disk without errors and shows the summary totals', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-html-'));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      await writeOutputs(dir, tinyInput());
      const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8')) as Summary;
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('request', (req) => requests.push(req.url()));
      await page.goto(pathToFileURL(join(dir, 'report.html')).href, { waitUntil: 'load' });

      const totals = await page.$$eval('[data-total]', (els) => els.map((e) => [e.getAttribute('data-total'), e.textContent?.trim()]));
      expect(totals.map(([t]) => t)).toEqual([...FINDING_TYPES]);
      for (const [type, text] of totals) expect(Number(text), type!).toBe(summary.findings.byType[type as keyof Summary['findings']['byType']]);
      expect(Number(await page.textContent('[data-findings-total]'))).toBe(summary.findings.total);
      expect(Number(await page.textContent('[data-hukou-official]'))).toBe(summary.hukouSeparation.official);
      for (const [town, c] of Object.entries(summary.areas.towns)) {
        expect(Number(await page.textContent(`[data-town="${town}"]`))).toBe(c.total);
      }
      expect(await page.locator('svg').count()).toBeGreaterThan(3);
      expect(await page.title()).toContain('普查比对复查报告');
      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
