// Helpers for real mode, shared by real-mode.test.mjs and bench.mjs: open the app, turn real
// mode on and read what the panel measured.

import { watchProblems } from './support.mjs';

const SAVED_KEY = 'interleave.program.v1';

/** Opens the app at `hash` (or with `saved` as the saved program) and waits for its first run. */
export async function openReal(browser, url, { hash = '', saved } = {}) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  if (saved !== undefined) {
    await context.addInitScript(([key, value]) => localStorage.setItem(key, value), [SAVED_KEY, JSON.stringify({ source: saved, example: null })]);
  }
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(url + hash);
  await page.waitForFunction(() => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= 1, null, { timeout: 30_000 });
  return { page, problems, close: () => context.close() };
}

/** Turns real mode on and waits until every child that can run detached has replied. */
export async function realModeResults(page) {
  await page.getByRole('switch', { name: 'Real cores' }).check();
  await page.waitForSelector('.child-row');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.child-row')];
    return rows.length > 0 && rows.every((r) => r.dataset.same !== undefined || r.querySelector('.child-why'));
  }, null, { timeout: 60_000 });
  return page.$$eval('.child-row', (rows) => rows.map((r) => ({
    name: r.querySelector('.child-name').textContent,
    worker: r.dataset.worker,
    same: r.dataset.same,
    verdict: r.querySelector('.child-verdict')?.textContent ?? '',
    why: r.querySelector('.child-why')?.textContent ?? '',
  })));
}

/** Presses Measure speedup and reads the table: [{ k, speedup }]. */
export async function measureSpeedup(page) {
  await page.getByRole('button', { name: /Measure speedup/ }).click();
  await page.waitForFunction(() => /Best of|ended early/.test(document.querySelector('.speedup-status')?.textContent ?? ''), null, { timeout: 120_000 });
  return page.$$eval('.speedup-table tbody tr', (rows) => rows.map((r) => ({
    k: Number(r.dataset.k),
    speedup: Number(r.dataset.speedup),
    cells: [...r.querySelectorAll('td')].map((td) => td.textContent),
  })));
}

