// End-to-end tests of the parallel demo (dist/parallel/, built by scripts/lib/parallel.sh) in
// headless Chromium: rayon threads on shared memory when the page is cross-origin isolated, the
// service worker that isolates it on a host without the headers, and the message-passing
// fallback where neither works. Every mode must render the single-thread image exactly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ARTIFACTS, DIST, launchChromium, watchProblems } from './support.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
};

/** At least 2, so "more than one thread" means something even on a 1-core machine. */
const THREADS = Math.max(2, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
/** One round per thread count, and a smaller image than the page's default, to stay quick. */
const QUERY = `?threads=${THREADS}&reps=1&width=480&height=300&iter=1500`;

/**
 * Serves dist/ on a free loopback port; with `isolation`, adds the COOP/COEP headers that
 * `trunk serve` sends, without them it is a plain static host.
 */
async function serve({ isolation }) {
  await fs.access(path.join(DIST, 'parallel/pkg/parallel_demo_bg.wasm')).catch(() => {
    throw new Error('dist/parallel/ is not built: run scripts/build or scripts/test (scripts/lib/parallel.sh)');
  });
  const server = http.createServer(async (req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(DIST, path.normalize(urlPath));
    const headers = isolation
      ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }
      : {};
    try {
      if (!file.startsWith(DIST + path.sep)) throw new Error('outside dist');
      const body = await fs.readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

let browser;
let isolated;
let plainHost;
/** The single-thread checksum of the first test, which every other mode must match. */
let reference;

before(async () => {
  isolated = await serve({ isolation: true });
  plainHost = await serve({ isolation: false });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await isolated?.close();
  await plainHost?.close();
});

/**
 * Opens the demo in a fresh context, presses Measure, waits for every thread count, saves a
 * screenshot and returns window.parallelDemo and the status text.
 */
async function measure(server, { screenshot, contextOptions = {} }) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 1000 }, ...contextOptions });
  const page = await context.newPage();
  const problems = watchProblems(page);
  try {
    await page.goto(`${server.url}parallel/${QUERY}`);
    await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 60_000 });
    await page.click('#run');
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 180_000 });
    const demo = await page.evaluate(() => window.parallelDemo);
    const status = await page.textContent('#status');
    await fs.mkdir(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'screenshots', screenshot), fullPage: true });
    assert.equal(demo.error, null, `the page reported an error: ${demo.error}`);
    return { demo, status, problems };
  } finally {
    await context.close();
  }
}

/** Every thread count rendered the single-thread image; the most threads really shared the rows. */
function assertSameImageOnSeveralThreads(demo) {
  assert.deepEqual(demo.results.map((r) => r.threads), Array.from({ length: THREADS }, (_, i) => i + 1));
  const one = demo.results[0];
  assert.equal(one.threadsUsed, 1, 'one thread computed every row of the 1-thread image');
  for (const r of demo.results) {
    assert.equal(r.sameAsOneThread, true, `${r.threads} threads: the same counts as 1 thread, pixel by pixel`);
    assert.equal(r.checksum, one.checksum, `${r.threads} threads: the 1-thread checksum`);
    assert.ok(r.best > 0, `${r.threads} threads: a measured time`);
  }
  const most = demo.results.at(-1);
  assert.ok(most.threadsUsed > 1, `with ${THREADS} threads, rows came from ${most.threadsUsed} threads`);
  assert.equal(
    Object.values(most.rowsPerThread).reduce((a, b) => a + b, 0),
    demo.size.height,
    'every row was computed once',
  );
}

test('isolated (COOP/COEP): rayon on several shared-memory threads renders the 1-thread image', async () => {
  const { demo, status, problems } = await measure(isolated, { screenshot: 'parallel-threads.png' });
  assert.equal(demo.mode, 'threads');
  assert.equal(demo.isolated, true);
  assert.match(status, /Cross-origin isolated/);
  assertSameImageOnSeveralThreads(demo);
  reference = demo.results[0].checksum;
  assert.deepEqual(problems, []);
  console.log(demo.results.map((r) => `${r.threads} threads ${r.best} ms (${r.speedup}x)`).join(', '));
});

test('no headers: the service worker isolates the page, and rayon runs on shared memory', async () => {
  const { demo, problems } = await measure(plainHost, { screenshot: 'parallel-service-worker.png' });
  assert.equal(demo.isolated, true, 'crossOriginIsolated after the reload through coi-sw.js');
  assert.equal(demo.mode, 'threads');
  assertSameImageOnSeveralThreads(demo);
  if (reference) assert.equal(demo.results[0].checksum, reference, 'the same image as the isolated page');
  assert.deepEqual(problems, []);
});

test('no headers and no service worker: the page says so and falls back to message-passing workers', async () => {
  const { demo, status, problems } = await measure(plainHost, {
    screenshot: 'parallel-fallback.png',
    contextOptions: { serviceWorkers: 'block' },
  });
  assert.equal(demo.isolated, false);
  assert.equal(demo.mode, 'workers');
  assert.match(status, /Shared memory is not available here/);
  assert.match(status, /falls back to message-passing workers/);
  assertSameImageOnSeveralThreads(demo);
  if (reference) assert.equal(demo.results[0].checksum, reference, 'the same image as the threads');
  assert.deepEqual(problems, []);
});
