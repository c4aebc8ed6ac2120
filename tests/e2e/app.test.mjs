// End-to-end tests: the release build in dist/, in headless Chromium, against the native engine
// for what each program should print.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import lz from 'lz-string';
import { testEnvironment, NESTED, watchProblems, runNative, galleryEntries } from './support.mjs';

const SAVED_KEY = 'interleave.program.v1';

const env = testEnvironment();

/**
 * Opens the app in a fresh context (optionally with a program already saved in local storage)
 * and waits until the program it opened with has run.
 */
async function openApp({ urlPath = '', hash = '', saved, colorScheme = 'light', viewport, waitRun = true } = {}) {
  const context = await env.browser.newContext({ viewport: viewport ?? { width: 1440, height: 900 }, colorScheme, acceptDownloads: true });
  if (saved !== undefined) {
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, [SAVED_KEY, JSON.stringify({ source: saved, example: null })]);
  }
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + urlPath.replace(/^\//, '') + hash);
  await page.waitForSelector('button.run-button');
  if (waitRun) await waitForRuns(page, 1);
  return { page, problems, context, close: () => context.close() };
}

/** Waits until `count` runs have ended since the page loaded. */
async function waitForRuns(page, count, timeout = 30_000) {
  await page.waitForFunction((n) => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= n, count, { timeout });
}

async function runs(page) {
  return Number(await page.getAttribute('.app', 'data-runs'));
}

/** Playhead and event count, from the page's data attributes. */
async function position(page) {
  const [p, n] = await Promise.all([page.getAttribute('.app', 'data-playhead'), page.getAttribute('.app', 'data-events')]);
  return { playhead: Number(p), events: Number(n) };
}

/** The stdout lines the output panel shows. */
async function outputLines(page) {
  return page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent));
}

/** The task lanes (not the program's own lane), as "Task-2 worker()". */
async function laneNames(page) {
  return page.$$eval('.lane-list li', (els) => els
    .map((e) => e.textContent.replace(/, in the wait-for cycle$/, '').trim())
    .filter((t) => !t.startsWith('Program ')));
}

async function editorText(page) {
  return page.evaluate(() => window.InterleaveEditor.text());
}

/** Moves a range input to `value` as a user would (input, then change). */
async function setRange(locator, value) {
  await locator.evaluate((el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(value));
}

test('the page loads with no console errors, CodeMirror and the engine worker', async () => {
  const { page, problems, close } = await openApp();
  assert.ok(await page.isVisible('.cm-editor'), 'CodeMirror is mounted');
  assert.ok(await page.isVisible('.timeline-canvas'), 'the timeline is drawn');
  assert.match(await page.textContent('.run-status'), /events/);
  assert.deepEqual(problems, []);
  await close();
});

test('dist/ also works when hosted under a sub-path', async () => {
  const { page, problems, close } = await openApp({ urlPath: NESTED });
  assert.equal(await page.textContent('header h1'), 'Interleave');
  assert.match(await page.textContent('.run-status'), /events/, 'the worker loaded from the sub-path');
  assert.deepEqual(problems, []);
  await close();
});

test('every gallery example runs and shows the right lanes and output; share links beat lz-string', async () => {
  const entries = await galleryEntries();
  assert.ok(entries.length >= 19, `${entries.length} entries`);
  const { page, problems, close } = await openApp();
  let ours = 0;
  let theirs = 0;
  for (const entry of entries) {
    const before = await runs(page);
    await page.evaluate((slug) => { location.hash = `example=${slug}`; }, entry.slug);
    await waitForRuns(page, before + 1);
    const native = await runNative(entry.program);
    assert.deepEqual(await outputLines(page), native.stdout, `${entry.slug}: output`);
    assert.deepEqual((await laneNames(page)).sort(), native.lanes.sort(), `${entry.slug}: lanes`);
    assert.equal((await page.textContent('.gallery-title')).trim(), entry.title, `${entry.slug}: title`);
    assert.ok((await page.textContent('.gallery-text')).length > 80, `${entry.slug}: paragraph`);
    // The share link of the example, against lz-string on the same program.
    await page.click('header >> text=Share');
    const url = await page.inputValue('.share-url');
    const fragment = url.slice(url.indexOf('#') + 1);
    const lzLength = lz.compressToEncodedURIComponent(entry.program).length;
    assert.ok(fragment.length <= 0.55 * lzLength, `${entry.slug}: ${fragment.length} chars, lz-string ${lzLength}: under 45% shorter`);
    ours += fragment.length;
    theirs += lzLength;
    await page.click('.share-box >> text=Close');
  }
  const saving = 1 - ours / theirs;
  console.log(`share links: ${ours} chars in all, lz-string ${theirs}: ${(saving * 100).toFixed(1)}% shorter`);
  assert.ok(saving >= 0.45, `share links only ${(saving * 100).toFixed(1)}% shorter than lz-string`);
  assert.deepEqual(problems, []);
  await close();
});

test('a knob edits the program and reruns it', async () => {
  const { page, close } = await openApp({ hash: '#example=race' });
  assert.match((await outputLines(page)).at(-1), /counter = 1, expected 3/);
  const before = await runs(page);
  await page.check('.knob input[type=checkbox]');
  await waitForRuns(page, before + 1);
  assert.match(await editorText(page), /USE_LOCK = True/);
  assert.match((await outputLines(page)).at(-1), /counter = 3, expected 3/);
  await close();
});

test('a share link reopens the program, knobs, lane and playhead', async () => {
  const { page, close } = await openApp({ hash: '#example=semaphore' });
  // Three tickets instead of two (the slider's third position is 3).
  let before = await runs(page);
  await setRange(page.locator('.knob', { hasText: 'Tickets' }).locator('input[type=range]'), 2);
  await waitForRuns(page, before + 1);
  assert.match(await editorText(page), /asyncio\.Semaphore\(3\)/);
  // Step back to event 20 and pick the third lane, by keyboard.
  await page.click('.timeline-canvas', { position: { x: 5, y: 5 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
  await page.focus('.timeline-canvas');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const here = await position(page);
  assert.equal(here.playhead, 20);
  await page.click('header >> text=Share');
  const url = await page.inputValue('.share-url');
  assert.match(url, /#v2=[A-Za-z0-9_-]+$/);
  const narration = await page.textContent('.narration-text');
  const program = await editorText(page);
  await close();

  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const again = await context.newPage();
  await again.goto(url);
  await waitForRuns(again, 1);
  assert.equal(await editorText(again), program);
  assert.deepEqual(await position(again), here);
  assert.equal(await again.textContent('.narration-text'), narration);
  assert.equal((await again.inputValue('.knob input[type=range] >> nth=0')), '2', 'the Tickets knob');
  assert.match(await again.textContent('.gallery-title'), /Semaphore/);
  await context.close();
});

test('v1 and v2 links made by their first builds still open', async () => {
  // The same links src/share/mod.rs keeps decoding natively.
  for (const link of [
    '#v1=jdixDQAgCADBYGysjBsYV7C2tLIwwcIVYP8FCAMQqH-Cv5o1twTlXzwbX18wY7TmsynxMBZAAA',
    '#v2=jZmxDQAABMBCLCbxghc8xf8PiMUmfNCxaYWaQhF4TAT8dy_vMx1pS2Ut',
  ]) {
    const { page, problems, close } = await openApp({ hash: link });
    assert.equal(await editorText(page), 'import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n    print("hi")\n\nasyncio.run(main())\n');
    const { playhead, events } = await position(page);
    assert.equal(playhead, Math.min(17, events));
    assert.deepEqual(problems, []);
    await close();
  }
});

test('a malformed or truncated share link says so and opens the last saved program', async () => {
  const saved = 'import asyncio\n\nprint("my saved program")\n';
  for (const hash of ['#v1=this*is not*base64', '#v1=FYqxDoMwDAV3vuIpCyAYOnejfEE', '#v9=AAAA']) {
    const { page, problems, close } = await openApp({ hash, saved });
    const notice = await page.textContent('.notice.error');
    assert.match(notice, /damaged|newer version/, hash);
    assert.match(notice, /last saved program/);
    assert.equal(await editorText(page), saved);
    assert.deepEqual(await outputLines(page), ['my saved program']);
    assert.deepEqual(problems, []);
    await close();
  }
});

test('an infinite loop can be stopped, and the page stays responsive meanwhile', async () => {
  const loop = 'while True:\n    s = "x" * 1000000\n';
  const { page, problems, close } = await openApp({ saved: loop, waitRun: false });
  await page.waitForSelector('.run-button.stop');
  // The page answers while the engine works: a frame within 250 ms, and the controls respond.
  const frame = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    requestAnimationFrame(() => resolve(performance.now() - t0));
  }));
  assert.ok(frame < 250, `a frame took ${frame} ms`);
  await page.selectOption('select[aria-label="Playback speed"]', '2');
  assert.equal(await page.getAttribute('.app', 'data-running'), 'true');
  await page.click('.run-button.stop');
  await waitForRuns(page, 1);
  assert.match(await page.textContent('.problem-title'), /Stopped after/);
  // A fresh engine runs the next program.
  const before = await runs(page);
  await page.evaluate(() => { location.hash = 'example=event-loop'; });
  await waitForRuns(page, before + 1);
  assert.deepEqual(await outputLines(page), ['Water on the stove', 'Tea ready']);
  assert.deepEqual(problems, []);
  await close();
});

test('the deadlock example shows the wait-for cycle', async () => {
  const { page, close } = await openApp({ hash: '#example=deadlock', colorScheme: 'dark' });
  // The tasks go by their calls, as the program's output talks about them.
  assert.match(await page.textContent('.narration-text'), /Deadlock: worker\('T1'\) → worker\('T2'\) → worker\('T1'\)/);
  assert.match(await page.textContent('.problem-title'), /Deadlock/);
  assert.deepEqual(await page.$$eval('.lane-list li[data-cycle=true] .lane-name', (els) => els.map((e) => e.textContent)), ["worker('T1')", "worker('T2')"]);
  const state = await page.textContent('.state-panel');
  assert.match(state, /held by worker\('T1'\)\s*waiting: worker\('T2'\)/);
  assert.match(state, /held by worker\('T2'\)\s*waiting: worker\('T1'\)/);
  await page.screenshot({ path: path.join(env.shots, 'deadlock-dark.png') });
  await close();
});

test('keyboard only: Tab to Run, Enter runs, arrows step, Space plays', async () => {
  const { page, close } = await openApp({ hash: '#example=lock' });
  let focused = false;
  for (let i = 0; i < 25 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.matches('button.run-button') ?? false);
  }
  assert.ok(focused, 'Tab reaches the Run button');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  const before = await runs(page);
  await page.keyboard.press('Enter');
  await waitForRuns(page, before + 1);
  const { events } = await position(page);
  // Leave the button, then step with the arrow keys.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Home');
  assert.equal((await position(page)).playhead, 0);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal((await position(page)).playhead, 3);
  // (The program's globals are set before asyncio.run starts.)
  assert.match(await page.textContent('.narration-text'), /Task-1|asyncio\.run|sets the global/);
  await page.keyboard.press('ArrowLeft');
  assert.equal((await position(page)).playhead, 2);
  await page.keyboard.press('End');
  assert.equal((await position(page)).playhead, events);
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await page.waitForFunction(() => Number(document.querySelector('.app').dataset.playhead) > 3);
  await page.keyboard.press(' ');
  await close();
});

test('errors are explained and marked in the editor', async () => {
  const { page, close } = await openApp({ saved: 'import asyncio\n\nx = (1,\nprint(x)\n' });
  assert.match(await page.textContent('.problem-title'), /Syntax error on line/);
  assert.ok(await page.isVisible('.cm-error-line'), 'the line is marked');
  assert.match(await page.textContent('.cm-error-message'), /SyntaxError/);
  await close();
  const exc = await openApp({ saved: 'import asyncio\n\nasync def f():\n    raise ValueError("boom")\n\nasyncio.run(f())\n' });
  assert.match(await exc.page.textContent('.problem-title'), /Uncaught exception: ValueError/);
  assert.match(await exc.page.textContent('.problem-detail'), /Traceback[\s\S]*line 4, in f/);
  assert.equal((await exc.page.textContent('.cm-error-line')).trim(), 'raise ValueError("boom")');
  await exc.close();
});

test('the editor saves as you type; Ctrl+Enter runs; program text never becomes HTML', async () => {
  const { page, close } = await openApp({ hash: '#example=event-loop' });
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nprint("<img src=x onerror=alert(1)>")');
  await page.keyboard.press('Control+Enter');
  // Wait for the run this test started: its last line, not a count an earlier run can reach.
  await page.waitForFunction((want) => [...document.querySelectorAll('.output-panel .line:not(.stderr) .line-text')]
    .at(-1)?.textContent === want, '<img src=x onerror=alert(1)>', { timeout: 30_000 });
  assert.equal((await outputLines(page)).at(-1), '<img src=x onerror=alert(1)>');
  assert.equal(await page.$$eval('.output-panel img', (els) => els.length), 0);
  await page.reload();
  await waitForRuns(page, 1);
  assert.match(await editorText(page), /onerror=alert/);
  await close();
});

test('exports: Chrome trace JSON and the timeline as SVG', async () => {
  const { page, close } = await openApp({ hash: '#example=lock' });
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('text=Trace JSON')]);
  const trace = JSON.parse(await fs.readFile(await json.path(), 'utf8'));
  assert.ok(trace.traceEvents.some((e) => e.ph === 'X'), 'slices for Perfetto');
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('text=Timeline SVG')]);
  const text = await fs.readFile(await svg.path(), 'utf8');
  // Lanes are labelled by what the program calls its tasks; the runtime's name is the detail.
  assert.match(text, /^<svg[\s\S]*main\(\)[\s\S]*Task-1[\s\S]*increase_counter\([\s\S]*<\/svg>\n$/);
  await close();
});

test('?embed=1 gives the compact view', async () => {
  const { page, close } = await openApp({ urlPath: '?embed=1', hash: '#example=lock' });
  assert.ok(await page.isVisible('.app.embed'));
  assert.equal(await page.$$eval('.gallery-card, .state-panel', (els) => els.length), 0);
  assert.match(await page.getAttribute('text=Open in Interleave', 'href'), /#example=lock$/);
  await page.screenshot({ path: path.join(env.shots, 'embed.png') });
  await close();
});

test('nothing moves when a run finishes', async () => {
  const { page, close } = await openApp({ hash: '#example=restaurant', waitRun: false });
  const boxes = () => page.$$eval('.site-header, .gallery-card, .editor-panel, .timeline-panel, .state-panel, .output-panel',
    (els) => els.map((e) => JSON.stringify(e.getBoundingClientRect())));
  // While the first run is under way, and once it has finished.
  const before = await boxes();
  await waitForRuns(page, 1);
  assert.deepEqual(await boxes(), before);
  // And a second run, started from the keyboard.
  await page.keyboard.press('Control+Enter');
  await waitForRuns(page, 2);
  assert.deepEqual(await boxes(), before);
  await close();
});

test('screenshots of the main view, light and dark, and on a phone', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, close } = await openApp({ hash: '#example=lock', colorScheme });
    await page.keyboard.press('Home');
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    const file = path.join(env.shots, `interleave-${colorScheme}.png`);
    await page.screenshot({ path: file });
    assert.ok((await fs.stat(file)).size > 20_000, `${file} has content`);
    await close();
  }
  const { page, close } = await openApp({ hash: '#example=semaphore', viewport: { width: 390, height: 844 } });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
  await page.screenshot({ path: path.join(env.shots, 'phone.png'), fullPage: true });
  await close();
});
