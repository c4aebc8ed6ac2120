// Hostile share links: a link runs its program when the page opens, so a program that
// allocates without bound must stop at the browser worker's memory budget (the counting
// allocator, vm::heap::CountingAlloc, installed in interleave-worker) with the budget's
// message, and the page must keep working afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { testEnvironment, watchProblems } from './support.mjs';

const env = testEnvironment();

// tests/hostile/grow_without_bound.py (tests/hostile.rs checks this link carries it):
// `x = []` then `while True: x.append('ab' * 1000)`.
const GROWING = '#v2=XVrBDsIgDPW8ryDxME0Mix69-QF-ggfGmgwdQtYat7_3lbnLEhIChwLl5bWPstvDUsZb2BU9kllc5Z1iGudF-qLFMjTtpwM0UBu_FfNwhROVvl-GA4YgAoBghpwHWQvlUzkRRLr5hx5lfdxaSF3wq1HfE1ygIZ1hGcsjvAgqAMNsoJcXUBBYD6vQWLNZf94IsXBDF2r6xAJsWp2x8ckmQR-zKWl52dj7dbTVpBh_VFsanqzLKqcPtWtrcNtZw3v1Aw';

test('a link whose program allocates without bound stops at the memory budget, and the page keeps working', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + GROWING);
  await page.waitForSelector('button.run-button');
  // The state meant: this run's problem says the memory budget stopped it (CPython's
  // MemoryError from an allocation the budget refused, or the budget's own message).
  await page.waitForFunction(() => /MemoryError|memory budget/.test(document.querySelector('.problem')?.textContent ?? ''), null, { timeout: 120_000 });
  assert.equal(await page.getAttribute('.app', 'data-running'), 'false');
  await page.screenshot({ path: path.join(env.shots, 'hostile-memory-budget.png') });
  // The same worker runs the next program: a gallery example, with its own output.
  await page.evaluate(() => { location.hash = 'example=event-loop'; });
  await page.waitForFunction(
    () => [...document.querySelectorAll('.output-panel .line:not(.stderr) .line-text')].map((e) => e.textContent).join('|') === 'Water on the stove|Tea ready',
    null,
    { timeout: 60_000 },
  );
  assert.doesNotMatch(await page.evaluate(() => document.querySelector('.problem')?.textContent ?? ''), /MemoryError|memory budget/, 'the memory problem is gone with its run');
  assert.deepEqual(problems, []);
  await context.close();
});
