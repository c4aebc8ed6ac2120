// Benchmark of the release build in dist/: prints figures, asserts nothing.
//
//   node tests/e2e/bench.mjs        (after scripts/build or scripts/test has built dist/)
//   node tests/e2e/bench.mjs --seek (only the seek figure at 250,000 events)
//   BENCH_DIST=/some/dist node tests/e2e/bench.mjs --seek   (another build of the page, to compare)
//
// - navigation to interactive (the Run button) and to the first timeline drawn;
// - run + render time of programs whose traces have about 10,000 and 100,000 events;
// - frame time while scrubbing the playhead across those timelines, and while stepping;
// - gzip sizes of the wasm, JS and CSS;
// - share-link length for each gallery example against lz-string's on the same program;
// - real mode on the primes example: each pool worker process in a Web Worker, and the speedup
//   on 1, 2, … navigator.hardwareConcurrency workers (best of 3 rounds each).
// - the explorer: schedules per second in the engine's Web Worker on the lost update
//   (exploreBench, at the end).

import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import lz from 'lz-string';
import { DIST, launchChromium, serveDist, galleryEntries } from './support.mjs';
import { openReal, realModeResults, measureSpeedup } from './real-mode-support.mjs';

const SAVED_KEY = 'interleave.program.v1';

/** A program whose trace has about `events` events: 8 tasks sleeping in turn. */
function busyProgram(events) {
  const rounds = Math.round(events / 8 / 5);
  return `import asyncio


async def worker(i):
    for k in range(${rounds}):
        await asyncio.sleep(0.001 * (i + 1))


async def main():
    await asyncio.gather(*(worker(i) for i in range(8)))


asyncio.run(main())
`;
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, max ${s[s.length - 1].toFixed(1)} ms`;
};

/**
 * Drives the page from inside it, one input per animation frame, `count` times: `kind` is
 * 'scrub' (drag along the ruler), 'step' (← key) or 'zoom' (Ctrl+wheel). Returns the work each
 * input set off (the event, Yew's render and the canvas drawing, which all finish in
 * microtasks) and the intervals between frames (16.7 ms when every frame makes it at 60 Hz).
 */
const drive = (page, kind, count) => page.evaluate(async ([kind, count]) => {
  const canvas = document.querySelector('.timeline-canvas');
  const box = canvas.getBoundingClientRect();
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const settle = async () => { for (let i = 0; i < 30; i++) await null; };
  const work = [];
  const intervals = [];
  const at = (i) => ({ x: 200 + ((box.width - 220) * i) / count, y: 12 });
  const pointer = (type, i) => {
    const { x, y } = at(i);
    canvas.dispatchEvent(new PointerEvent(type, {
      bubbles: true, button: 0, buttons: 1, pointerId: 1, clientX: box.x + x, clientY: box.y + y,
    }));
  };
  if (kind === 'scrub') pointer('pointerdown', 0);
  await settle();
  let last = await frame();
  for (let i = 1; i <= count; i++) {
    const t0 = performance.now();
    if (kind === 'scrub') pointer('pointermove', i);
    if (kind === 'step') document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    if (kind === 'zoom') {
      canvas.dispatchEvent(new WheelEvent('wheel', {
        bubbles: true, cancelable: true, ctrlKey: true, deltaY: i <= count / 2 ? -120 : 120,
        clientX: box.x + box.width / 2, clientY: box.y + box.height / 2,
      }));
    }
    await settle();
    work.push(performance.now() - t0);
    const now = await frame();
    intervals.push(now - last);
    last = now;
  }
  if (kind === 'scrub') pointer('pointerup', count);
  return { work, intervals };
}, [kind, count]);

const nextFrame = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** The large run: 1,000 tasks × 50 sleeps (about 250,000 events, 1,001 lanes). */
const MANY_TASKS = `import asyncio


async def worker(i):
    for k in range(50):
        await asyncio.sleep(0.001 * (i % 7 + 1))


async def main():
    await asyncio.gather(*(worker(i) for i in range(1000)))


asyncio.run(main())
`;

/**
 * Seeks across the run `count` times by clicks on the ruler, each far from the last (from one
 * end of the run to the other and back), one per animation frame: the work each seek sets off
 * (the state at the new playhead from the nearest snapshot, the render, the canvas drawing),
 * up to a task queued after it (Yew renders in microtasks, all done by then) and the page's
 * layout (forced, so the layout each seek costs is counted too, not left to the next frame).
 */
const seeks = (page, count) => page.evaluate(async (count) => {
  const canvas = document.querySelector('.timeline-canvas');
  const box = canvas.getBoundingClientRect();
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(0); });
  const settle = async () => { await task(); void document.body.offsetHeight; };
  const work = [];
  const left = 200;
  const right = box.width - 20;
  for (let i = 0; i < count; i++) {
    // Alternately near the end and near the start, walking inwards: every seek is a long jump.
    const f = (i % 2 === 0 ? 1 - i / (2 * count) : i / (2 * count));
    const x = left + (right - left) * f;
    const opts = { bubbles: true, button: 0, buttons: 1, pointerId: 1, clientX: box.x + x, clientY: box.y + 12 };
    await frame();
    const t0 = performance.now();
    canvas.dispatchEvent(new PointerEvent('pointerdown', opts));
    await settle();
    work.push(performance.now() - t0);
    canvas.dispatchEvent(new PointerEvent('pointerup', opts));
    await settle();
  }
  return work;
}, count);

/** Prints the seek figure at 250,000 events. */
async function seekFigure(browser, server) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, [SAVED_KEY, JSON.stringify({ source: MANY_TASKS, example: null })]);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => Number(document.querySelector('.app').dataset.runs) >= 1, null, { timeout: 300_000 });
  await nextFrame(page);
  const events = Number(await page.getAttribute('.app', 'data-events'));
  const playheads = new Set();
  const work = await seeks(page, 40);
  playheads.add(await page.getAttribute('.app', 'data-playhead'));
  console.log(`\nSeeking at ${events.toLocaleString('en')} events (1,000 tasks × 50 sleeps; 40 clicks on the ruler, each a long jump)`);
  row(`${events.toLocaleString('en')} events: one seek (state + render + drawing + layout)`, stats(work));
  row('  each seek in order, ms', work.map((w) => w.toFixed(0)).join(' '));
  await context.close();
}

const server = await serveDist(process.env.BENCH_DIST || undefined);
const browser = await launchChromium();
const row = (label, value) => console.log(`  ${label.padEnd(58)} ${value}`);

try { main: {
  if (process.argv.includes('--seek')) {
    await seekFigure(browser, server);
    break main;
  }
  console.log('Interleave benchmark (headless Chromium, release build in dist/)\n');

  // Navigation to interactive: a fresh context each time (nothing cached), median of 5.
  const nav = [];
  const first = [];
  for (let i = 0; i < 5; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(server.url + '#example=lock');
    await page.waitForSelector('button.run-button');
    nav.push(Date.now() - t0);
    await page.waitForFunction(() => Number(document.querySelector('.app').dataset.runs) >= 1);
    await nextFrame(page);
    first.push(Date.now() - t0);
    await context.close();
  }
  console.log('Loading');
  row('navigation → interactive (Run button)', stats(nav));
  row('navigation → first run drawn (lock example)', stats(first));

  console.log('\nBig traces (one input per animation frame; "work": the event, the render and the canvas');
  console.log('drawing it set off; "frame interval": 16.7 ms when every frame makes it at 60 Hz)');
  for (const target of [10_000, 100_000]) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, [SAVED_KEY, JSON.stringify({ source: busyProgram(target), example: null })]);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => Number(document.querySelector('.app').dataset.runs) >= 1, null, { timeout: 120_000 });
    const events = Number(await page.getAttribute('.app', 'data-events'));
    // Run + render, three times.
    const times = [];
    let engine = 0;
    for (let i = 0; i < 3; i++) {
      const before = Number(await page.getAttribute('.app', 'data-runs'));
      const t0 = Date.now();
      await page.click('button.run-button');
      await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before, { timeout: 120_000 });
      await nextFrame(page);
      times.push(Date.now() - t0);
      engine = Number((await page.textContent('.output-panel .panel-hint')).match(/([\d.]+) ms/)?.[1] ?? 0);
    }
    row(`${events.toLocaleString('en')} events: run + render`, `${stats(times)} (engine alone ${engine} ms)`);

    const label = (what) => `${events.toLocaleString('en')} events: ${what}`;
    for (const [kind, what] of [['scrub', 'scrubbing the playhead'], ['step', 'stepping (←)'], ['zoom', 'zooming (Ctrl+wheel)']]) {
      const { work, intervals } = await drive(page, kind, 60);
      row(label(`${what}, work per input`), stats(work));
      row(label(`${what}, frame interval`), stats(intervals));
    }
    await context.close();
  }

  await seekFigure(browser, server);

  console.log('\nSizes in dist/ (gzip -9)');
  let total = 0;
  for (const file of (await fs.readdir(DIST)).sort()) {
    if (!/\.(wasm|js|css)$/.test(file)) continue;
    const bytes = await fs.readFile(path.join(DIST, file));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    total += gz;
    row(file, `${bytes.length.toLocaleString('en').padStart(10)} bytes  ${gz.toLocaleString('en').padStart(9)} gzip`);
  }
  row('total', `${''.padStart(16)} ${total.toLocaleString('en').padStart(9)} gzip`);

  console.log('\nShare links (the fragment after #) against lz-string on the same program');
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.url + '#example=lock');
  await page.waitForFunction(() => Number(document.querySelector('.app').dataset.runs) >= 1);
  let ours = 0;
  let theirs = 0;
  for (const entry of await galleryEntries()) {
    const before = Number(await page.getAttribute('.app', 'data-runs'));
    await page.evaluate((slug) => { location.hash = `example=${slug}`; }, entry.slug);
    await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
    await page.click('header >> text=Share');
    const url = await page.inputValue('.share-url');
    await page.click('.share-box >> text=Close');
    const fragment = url.slice(url.indexOf('#') + 1).length;
    const lzLength = lz.compressToEncodedURIComponent(entry.program).length;
    ours += fragment;
    theirs += lzLength;
    row(entry.slug, `${String(fragment).padStart(5)} vs ${String(lzLength).padStart(5)}  ${((1 - fragment / lzLength) * 100).toFixed(0).padStart(3)}% shorter`);
  }
  row('all gallery programs', `${String(ours).padStart(5)} vs ${String(theirs).padStart(5)}  ${((1 - ours / theirs) * 100).toFixed(1)}% shorter`);
  console.log('  (ours carries the program, the example, its knobs, the lane and the playhead; lz-string only the program)');
  await context.close();

  console.log('\nReal mode: "Counting primes in chunks" (Pool(4), 8 chunks), each child in a Web Worker');
  const real = await openReal(browser, server.url, { hash: '#example=primes' });
  const children = await realModeResults(real.page);
  row('children, all results equal the simulation\'s', `${children.length}, ${children.every((c) => c.same === 'true')}`);
  row('first run in real mode', (await real.page.textContent('.real-summary')).trim());
  for (const p of await measureSpeedup(real.page)) row(`${p.k} worker${p.k > 1 ? 's' : ''}`, `${p.cells[1].padStart(8)}  ${p.cells[2]}`);
  await real.close();
  await exploreBench(browser, server.url);
} } finally {
  await browser.close();
  await server.close();
}

/**
 * The explorer in the browser: schedules per second on the gallery's lost update (two
 * threads, `counter += 1` twice each), every schedule with at most 2 preemptions, in a fresh
 * engine worker as the page's explorer uses it (an ExploreRequest, timed from the post to the
 * report). One untimed warm-up, then the best of 3.
 */
async function exploreBench(browser, url) {
  const entry = (await galleryEntries()).find((e) => e.slug === 'race-threads');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url + '#example=lock');
  await page.waitForSelector('button.run-button');
  const rounds = await page.evaluate(async (source) => {
    const worker = new Worker('./interleave-worker_loader.js');
    const next = (kind) => new Promise((resolve) => {
      worker.onmessage = (e) => {
        const m = JSON.parse(e.data);
        if (m.kind === kind) resolve(m);
      };
    });
    await next('ready');
    const out = [];
    for (let i = 0; i < 4; i++) {
      const done = next('explored');
      const t0 = performance.now();
      worker.postMessage(JSON.stringify({ explore: 'run', id: i + 1, source, preemptions: 2, max_schedules: 100000, time_cap_ms: null }));
      const m = await done;
      out.push({ ms: performance.now() - t0, schedules: m.report.schedules, exhaustive: m.report.exhaustive, outcomes: m.report.outcomes.length });
    }
    worker.terminate();
    return out.slice(1);
  }, entry.program);
  const best = rounds.reduce((a, b) => (a.ms <= b.ms ? a : b));
  console.log('\nExplorer in the browser: the lost update (race-threads), at most 2 preemptions, best of 3');
  row('schedules, exhaustive, outcomes', `${best.schedules}, ${best.exhaustive}, ${best.outcomes}`);
  row('time to exhaust', `${best.ms.toFixed(0)} ms`);
  row('schedules per second', `${Math.round(best.schedules / (best.ms / 1000))}`);
  await context.close();
}
