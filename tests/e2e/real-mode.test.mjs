// End-to-end tests of real mode: a program's child processes run again in real Web Workers
// (one engine each), measured beside the simulation, in headless Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { testEnvironment } from './support.mjs';
import { openReal, realModeResults, measureSpeedup } from './real-mode-support.mjs';

const env = testEnvironment();

test('real mode runs the primes pool in several workers, with the simulation\'s results, and charts the speedup', async () => {
  const { page, problems, close } = await openReal(env.browser, env.server.url, { hash: '#example=primes' });
  try {
    assert.equal(await page.getByRole('switch', { name: 'Real cores' }).isChecked(), false, 'off by default');
    const rows = await realModeResults(page);
    assert.equal(rows.length, 4, 'Pool(4): four worker processes');
    for (const row of rows) {
      assert.equal(row.same, 'true', `${row.name}: ${row.verdict}`);
      assert.match(row.verdict, /results equal the simulation's/);
    }
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const workers = new Set(rows.map((r) => r.worker));
    if (cores >= 2) assert.ok(workers.size > 1, `children ran on ${workers.size} distinct workers`);
    assert.match(await page.textContent('.real-summary'), /wall \d+ ms · own work \d+ ms · ×\d+\.\d\d parallel/);

    const points = await measureSpeedup(page);
    assert.match(await page.textContent('.speedup-status'), /Best of/);
    assert.deepEqual(points.map((p) => p.k), Array.from({ length: Math.min(cores, 16) }, (_, i) => i + 1));
    for (const p of points) {
      assert.ok(Number.isFinite(p.speedup) && p.speedup > 0, `k=${p.k}: ${p.speedup}`);
      assert.match(p.cells[1], /^\d+ ms$/);
      assert.match(p.cells[2], /^\d+\.\d\d×$/);
    }
    assert.equal(points[0].speedup, 1);
    assert.equal(await page.locator('.speedup-chart circle.point').count(), points.length);
    await page.screenshot({ path: path.join(env.shots, 'real-mode-primes.png') });
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('a child that cannot be sent to a worker says why; the others still run', async () => {
  // A lambda sent through a queue: the fork copies it in the simulation, but it cannot be
  // pickled to another worker. The other child still runs.
  const program = [
    'from multiprocessing import Process, Queue',
    '',
    'def run(q):',
    '    print(q.get()())',
    '',
    'def idle():',
    '    print("idle")',
    '',
    'if __name__ == "__main__":',
    '    q = Queue()',
    '    workers = [Process(target=run, args=(q,)), Process(target=idle)]',
    '    for p in workers:',
    '        p.start()',
    '    q.put(lambda: 42)',
    '    for p in workers:',
    '        p.join()',
    '',
  ].join('\n');
  const { page, problems, close } = await openReal(env.browser, env.server.url, { saved: program });
  try {
    const rows = await realModeResults(page);
    const blocked = rows.filter((r) => r.why);
    assert.ok(blocked.length >= 1, JSON.stringify(rows));
    assert.match(blocked[0].why, /Cannot run in a worker of its own: .*lambda.*/);
    const ran = rows.filter((r) => !r.why);
    assert.equal(ran.length, 1, JSON.stringify(rows));
    assert.equal(ran[0].same, 'true', JSON.stringify(ran[0]));
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});

test('Stop ends a speedup measurement, and turning real mode off hides the measurements', async () => {
  const { page, problems, close } = await openReal(env.browser, env.server.url, { hash: '#example=primes' });
  try {
    await realModeResults(page);
    await page.getByRole('button', { name: /Measure speedup/ }).click();
    // While real-mode workers are busy, the Run button is Stop. (A very fast machine may finish
    // the whole measurement before the click lands: then there is nothing to stop.)
    const clicked = await page.locator('button.run-button.stop').click({ timeout: 5_000 }).then(() => true, () => false);
    await page.waitForSelector('button.run-button:not(.stop)');
    if (clicked) assert.match(await page.textContent('.speedup-status'), /ended early: stopped|Best of/);
    assert.equal(await page.getAttribute('.app', 'data-running'), 'false');
    await page.getByRole('switch', { name: 'Real cores' }).uncheck();
    assert.equal(await page.locator('.child-row').count(), 0);
    assert.match(await page.textContent('.real-summary'), /Off/);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
