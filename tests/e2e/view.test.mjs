// End-to-end tests of issue 14, "the view tells the truth": the right line, the program's own
// names, real speeds, a time axis to scale, a layout that fits, a quiet console. The release
// build in dist/, in headless Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { testEnvironment, watchProblems, launchChromium } from './support.mjs';

const SAVED_KEY = 'interleave.program.v1';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const env = testEnvironment();

/** Console messages of every kind but plain logs, uncaught exceptions, failed requests. */
function watchConsole(page) {
  const messages = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') messages.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => messages.push(`uncaught: ${e.message}`));
  return messages;
}

/**
 * Opens the app in a fresh context (optionally with a program saved in local storage, and a
 * fake clock) and waits for the first run.
 */
async function openApp({ hash = '', saved, viewport = DESKTOP, waitRun = true, colorScheme = 'light', clock = false } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme });
  if (saved !== undefined) {
    await context.addInitScript(([key, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(key, value);
        sessionStorage.setItem('seeded', '1');
      }
    }, [SAVED_KEY, JSON.stringify({ source: saved, example: null })]);
  }
  const page = await context.newPage();
  if (clock) await page.clock.install();
  const problems = watchProblems(page);
  const messages = watchConsole(page);
  await page.goto(env.server.url + hash);
  await page.waitForSelector('button.run-button');
  if (waitRun) await waitForRuns(page, 1);
  return { page, problems, messages, context, close: () => context.close() };
}

async function waitForRuns(page, count, timeout = 60_000) {
  await page.waitForFunction((n) => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= n, count, { timeout });
}

async function runs(page) {
  return Number(await page.getAttribute('.app', 'data-runs'));
}

async function position(page) {
  const [p, n] = await Promise.all([page.getAttribute('.app', 'data-playhead'), page.getAttribute('.app', 'data-events')]);
  return { playhead: Number(p), events: Number(n) };
}

/** Replaces the editor's text as typing would (the page sees an edit). */
async function typeProgram(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.evaluate((t) => navigator.clipboard?.writeText?.(t), text).catch(() => {});
  await page.keyboard.insertText(text);
}

/** Runs the editor's program and waits for it to finish. */
async function runNow(page) {
  const before = await runs(page);
  await page.click('button.run-button');
  await waitForRuns(page, before + 1);
}

/** The editor's highlighted lines: the current event's (`exec`) and the other tasks' (`frames`). */
async function editorMarks(page) {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.cm-content > .cm-line')];
    const numbered = lines.map((el, i) => ({ el, n: i + 1 }));
    const exec = numbered.find(({ el }) => el.classList.contains('cm-exec-line'));
    return {
      exec: exec?.n ?? 0,
      execColour: exec?.el.dataset.taskColour ?? null,
      execBackground: exec ? getComputedStyle(exec.el).backgroundColor : null,
      frames: numbered.filter(({ el }) => el.classList.contains('cm-frame-line')).map(({ el, n }) => ({ n, colour: el.dataset.taskColour })),
    };
  });
}

const narration = (page) => page.textContent('.narration-text');

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(env.shots, `${name}.png`) });
}

test('the page loads with no console warnings or errors, and a real-mode run adds none', async () => {
  const { page, messages, close } = await openApp({ hash: '#example=lock' });
  await page.waitForFunction(() => window.InterleaveEditor && document.querySelector('.cm-editor'));
  assert.deepEqual(messages, [], 'a quiet load');
  // Real mode: each child process runs in a Web Worker of its own (each loads the engine).
  const before = await runs(page);
  await page.evaluate(() => { location.hash = 'example=processes'; });
  await waitForRuns(page, before + 1);
  await page.getByRole('switch', { name: 'Real cores' }).check();
  await page.waitForSelector('.child-row');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('.child-row')];
    return rows.length > 0 && rows.every((r) => r.dataset.same !== undefined || r.querySelector('.child-why'));
  }, null, { timeout: 60_000 });
  assert.deepEqual(messages, [], 'a quiet real-mode run');
  await close();
});

test('lock example: the narrated line is the highlighted line, in the task’s colour; other tasks faintly', async () => {
  const { page, close } = await openApp({ hash: '#example=lock' });
  await page.keyboard.press('Home');
  const { events } = await position(page);
  let compared = 0;
  let colours = new Set();
  let sawFrames = false;
  for (let i = 0; i < events; i++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.playhead) === n, i + 1);
    const text = await narration(page);
    const marks = await editorMarks(page);
    const m = text.match(/\(line (\d+)\)/) ?? text.match(/\bline (\d+)\b/);
    if (m) {
      assert.equal(marks.exec, Number(m[1]), `event ${i + 1}: “${text}” highlights line ${marks.exec}`);
      compared += 1;
    }
    if (marks.exec) colours.add(marks.execColour);
    if (marks.frames.length > 0) {
      sawFrames = true;
      assert.ok(marks.frames.every((f) => f.n !== marks.exec && f.colour !== null), JSON.stringify(marks));
    }
  }
  assert.ok(compared >= 5, `compared the narration's line at ${compared} events`);
  assert.ok(colours.size >= 3, `each task has its colour (${[...colours]})`);
  assert.ok(sawFrames, 'other tasks show where they are');
  // The colour is the task's: the exec line's background is not the accent's for task 2.
  await close();
});

test('the program’s own names: task names in lanes and output, primitives by variable', async () => {
  const program = `import asyncio

async def worker(n, lock):
    async with lock:
        await asyncio.sleep(0.5)
    print(asyncio.current_task().get_name(), "done")

async def main():
    bathroom_key = asyncio.Lock()
    a = asyncio.create_task(worker(1, bathroom_key), name="alice")
    b = asyncio.create_task(worker(2, bathroom_key))
    b.set_name("bob")
    await asyncio.gather(a, b)

asyncio.run(main())
`;
  const { page, close } = await openApp({ saved: program });
  const lanes = await page.$$eval('.lane-list li .lane-name', (els) => els.map((e) => e.textContent));
  assert.ok(lanes.includes('alice') && lanes.includes('bob'), `lanes: ${lanes}`);
  assert.ok(lanes.includes('main()'), `an unnamed task goes by its call: ${lanes}`);
  assert.deepEqual(await page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent)), ['alice done', 'bob done']);
  // At the moment bob waits for the lock, the state names the lock by its variable.
  await page.keyboard.press('Home');
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('ArrowRight');
    const state = await page.textContent('.state-panel');
    found = /bathroom_key/.test(state) && /bob/.test(state);
  }
  assert.ok(found, 'the state panel names bathroom_key and bob');
  assert.doesNotMatch(await page.textContent('.state-panel'), /Lock #1/);
  await close();
});

test('semaphore: the narration names the task that is woken; the permit is handed over', async () => {
  const { page, close } = await openApp({ hash: '#example=semaphore' });
  await page.keyboard.press('Home');
  const { events } = await position(page);
  const handoffs = [];
  for (let i = 0; i < events; i++) {
    await page.keyboard.press('ArrowRight');
    const text = await narration(page);
    if (/hand|wakes|gets the permit|passes/i.test(text)) handoffs.push(text);
    const state = await page.textContent('.state-panel');
    // Never a free permit while a task waits for it.
    assert.doesNotMatch(state, /[12] of 2 free[\s\S]*waiting: worker/, `event ${i + 1}: ${state}`);
  }
  assert.ok(handoffs.length >= 2, `two hand-offs narrated: ${handoffs.join(' | ')}`);
  // The woken task the narration names is the task that runs next with the semaphore.
  const names = handoffs.map((t) => t.match(/worker\('Task \d'\)/g) ?? []);
  assert.ok(names.every((n) => n.length >= 1), JSON.stringify(handoffs));
  await screenshot(page, 'semaphore-desktop');
  await close();
});

test('a deadlock ends the run where it happens; a lone wait says what it is', async () => {
  const program = `import asyncio

async def consumer(queue):
    try:
        item = await queue.get()
        print("got", item)
    finally:
        print("consumer cleanup")

async def main():
    queue = asyncio.Queue()
    await asyncio.gather(consumer(queue))

asyncio.run(main())
`;
  const { page, close } = await openApp({ saved: program });
  assert.match(await page.textContent('.problem-title'), /Deadlock/);
  const out = await page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent));
  assert.deepEqual(out, [], 'no finally block runs after the deadlock (CPython hangs there)');
  const text = (await page.textContent('.problem')) + (await narration(page));
  assert.match(text, /queue/);
  assert.doesNotMatch(await narration(page), /wait-for cycle/);
  await close();
});

test('clicking a lane moves the playhead to an event of that lane', async () => {
  const { page, close } = await openApp({ hash: '#example=lock' });
  const box = await page.locator('.timeline-canvas').boundingBox();
  const lanes = await page.$$eval('.lane-list li .lane-name', (els) => els.map((e) => e.textContent));
  // Rows: the ruler is 26 px, then one row per lane; click the third lane in the middle.
  const row = lanes.indexOf("increase_counter('Task 2')");
  assert.ok(row >= 0, `lanes: ${lanes}`);
  const lane = Number(await page.getAttribute('.timeline-canvas', 'data-lane-height'));
  await page.mouse.click(box.x + box.width * 0.6, box.y + 26 + lane * row + lane / 2);
  await page.waitForFunction(() => Number(document.querySelector('.app').dataset.playhead) > 0);
  assert.match(await narration(page), /Task 2/, 'the narrated event is that lane’s');
  await close();
});

test('slow speeds are slower: 0.25× moves a quarter as far as 1×, and 1 event/s steps', async () => {
  const played = async (speed) => {
    const { page, close } = await openApp({ hash: '#example=restaurant', clock: true });
    await page.keyboard.press('Home');
    await page.selectOption('select[aria-label="Playback speed"]', speed);
    await page.click('button[aria-label="Play"]');
    await page.clock.runFor(2000);
    const { playhead } = await position(page);
    await close();
    return playhead;
  };
  const [quarter, one, perSecond] = [await played('0.25'), await played('1'), await played('0')];
  assert.ok(one > quarter * 2, `1× played ${one} events in 2 s, 0.25× ${quarter}`);
  assert.ok(quarter > 0);
  assert.ok(perSecond >= 1 && perSecond <= 3, `1 event/s played ${perSecond} in 2 s`);
});

test('top-level await is the learner’s SyntaxError, with the fix', async () => {
  const { page, close } = await openApp({ saved: 'import asyncio\nawait asyncio.sleep(1)\nprint("done")\n' });
  const problem = await page.textContent('.problem');
  assert.match(problem, /Syntax ?[Ee]rror/);
  assert.match(problem, /'await' outside function/);
  assert.match(problem, /async def main\(\)/);
  assert.match(problem, /asyncio\.run\(main\(\)\)/);
  assert.doesNotMatch(problem, /cannot run this program/);
  await close();
});

/** The timeline exported as SVG (Export → Timeline SVG), as text. */
async function exportedSvg(page) {
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('text=Timeline SVG')]);
  return fs.readFile(await svg.path(), 'utf8');
}

test('time axis: to scale for threads and processes, expanded for asyncio, and the switch flips it', async () => {
  const { page, close } = await openApp({ hash: '#example=processes' });
  assert.equal(await page.getAttribute('.timeline-panel', 'data-axis'), 'scale');
  assert.equal(await page.getAttribute('.axis-button[data-axis=scale]', 'aria-pressed'), 'true');
  await screenshot(page, 'processes-axis-scale');
  assert.match(await exportedSvg(page), /time \(to scale\)/);
  await page.click('.axis-button[data-axis=steps]');
  assert.equal(await page.getAttribute('.timeline-panel', 'data-axis'), 'steps');
  await screenshot(page, 'processes-axis-steps');
  // The SVG export draws the axis on screen, not the run's default.
  const steps = await exportedSvg(page);
  assert.match(steps, /steps \+ time/);
  assert.doesNotMatch(steps, /time \(to scale\)/);
  const before = await runs(page);
  await page.evaluate(() => { location.hash = 'example=lock'; });
  await waitForRuns(page, before + 1);
  assert.equal(await page.getAttribute('.timeline-panel', 'data-axis'), 'steps', 'asyncio instants: the expanded lens');
  await page.click('.axis-button[data-axis=scale]');
  assert.equal(await page.getAttribute('.timeline-panel', 'data-axis'), 'scale');
  assert.match(await exportedSvg(page), /time \(to scale\)/);
  // Showing internals keeps the axis picked.
  await page.check('.internals-switch input');
  assert.equal(await page.getAttribute('.timeline-panel', 'data-axis'), 'scale');
  await close();
});

test('the example card goes once the program is the user’s, and stays gone after a reload', async () => {
  const { page, context, close } = await openApp({ hash: '#example=lock' });
  assert.ok(await page.isVisible('.gallery-card .knobs, .gallery-card input[type=range], .gallery-card select'));
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText('\nprint("mine")\n');
  await page.waitForFunction(() => /Your program/.test(document.querySelector('.gallery-card')?.textContent ?? ''));
  assert.equal(await page.$$eval('.gallery-card input, .gallery-card select', (els) => els.length), 0, 'no knobs');
  const text = await page.evaluate(() => window.InterleaveEditor.text());
  // A reload (no fragment) opens the saved program, still the user's.
  await page.evaluate(() => { history.replaceState(null, '', location.pathname); });
  await page.reload();
  await page.waitForSelector('.gallery-card');
  await page.waitForFunction(() => /Your program/.test(document.querySelector('.gallery-card')?.textContent ?? ''));
  assert.equal(await page.evaluate(() => window.InterleaveEditor.text()), text, 'the text survives, untouched');
  await close();
  void context;
});

test('Stop shows what the stopped run did', async () => {
  // Each turn of the loop searches a 1 MB string: one instruction that takes real time, so
  // the run is still going when Stop is pressed (a cheap loop could reach the 20M-step budget
  // within the wait on a fast machine, and then there is no Stop button to press).
  const loop = 'import asyncio\n\nasync def tick():\n    text = "x" * 1_000_000\n    n = 0\n    while "y" not in text:\n        n += 1\n        if n % 50 == 0:\n            print("tick", n)\n        await asyncio.sleep(0)\n\nasyncio.run(tick())\n';
  const { page, close } = await openApp({ hash: '#example=lock' });
  const before = await runs(page);
  await typeProgram(page, loop);
  await page.click('button.run-button');
  // Wait until the run has clearly been going: the page says it is running.
  await page.waitForSelector('.run-button.stop');
  await page.waitForFunction(() => document.querySelector('.app').dataset.running === 'true');
  await page.waitForTimeout(1500); // let it run a while before Stop (what Stop then shows grows with it)
  await page.click('.run-button.stop');
  await waitForRuns(page, before + 1);
  assert.match(await page.textContent('.problem-title'), /Stopped after/);
  const out = await page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent));
  assert.ok(out.length > 0 && out.every((l) => /^tick \d+$/.test(l)), `the stopped run's own output: ${out.slice(0, 3)}`);
  const lanes = await page.$$eval('.lane-list li .lane-name', (els) => els.map((e) => e.textContent));
  assert.ok(lanes.includes('tick()'), `its own lanes, not the lock example's: ${lanes}`);
  await close();
});

/** Layout checks for one example on one screen, and its screenshot. */
async function checkLayout(slug, viewport, name) {
  const { page, close } = await openApp({ hash: `#example=${slug}`, viewport });
  const report = await page.evaluate(() => {
    const clipped = (el) => el && (el.scrollWidth > el.clientWidth + 1);
    const rect = (sel) => document.querySelector(sel)?.getBoundingClientRect();
    const legend = [...document.querySelectorAll('.legend li')];
    const legendBox = rect('.legend');
    const hiddenLegend = legend.filter((li) => {
      const r = li.getBoundingClientRect();
      return r.width === 0 || r.right > legendBox.right + 1 || r.left < legendBox.left - 1 || r.bottom > legendBox.bottom + 1;
    }).map((li) => li.textContent);
    const tasks = [...document.querySelectorAll('.state-panel .task-name')];
    const panel = rect('.state-panel');
    const hiddenTasks = tasks.filter((t) => {
      const r = t.getBoundingClientRect();
      return r.height === 0 || r.bottom > Math.max(panel.bottom, window.innerHeight * 3);
    }).length;
    return {
      pageWidth: document.documentElement.scrollWidth,
      hiddenLegend,
      legendClipped: clipped(document.querySelector('.legend')),
      tasks: tasks.length,
      hiddenTasks,
      scrubber: rect('.playback input[type=range]')?.width ?? 0,
      narrationClipped: (() => {
        const n = document.querySelector('.narration-text');
        return n.scrollHeight > n.clientHeight + 1;
      })(),
      // Every lane fits in the canvas without scrolling (these examples have at most 5).
      lanesHidden: (() => {
        const canvas = document.querySelector('.timeline-canvas');
        const lanes = document.querySelectorAll('.lane-list li').length;
        const lane = Number(canvas.dataset.laneHeight);
        return 26 + lanes * lane > canvas.getBoundingClientRect().height + 1;
      })(),
      headerClipped: [...document.querySelectorAll('.site-header *')].filter((e) => e.children.length === 0 && !e.closest('.visually-hidden') && clipped(e) && getComputedStyle(e).overflow !== 'visible').map((e) => e.textContent),
      // The example's text shows whole: nothing scrolled or cut off inside the card.
      cardClipped: [...document.querySelectorAll('.gallery-card, .gallery-scroll, .gallery-text p, .gallery-guide, .gallery-title')]
        .filter((e) => clipped(e) || e.scrollHeight > e.clientHeight + 1)
        .map((e) => e.className || e.textContent.slice(0, 30)),
      pitchClipped: (() => {
        const p = document.querySelector('.pitch');
        return !!p && getComputedStyle(p).display !== 'none' && (p.scrollHeight > p.clientHeight + 1 || clipped(p) || p.getBoundingClientRect().bottom > document.querySelector('.site-header').getBoundingClientRect().bottom);
      })(),
    };
  });
  await page.screenshot({ path: path.join(env.shots, `${name}.png`), fullPage: viewport.width < 600 });
  await close();
  return report;
}

for (const slug of ['lock', 'semaphore', 'deadlock', 'threads', 'processes']) {
  test(`layout and screenshots: ${slug} on a desktop and on a phone`, async () => {
    const desktop = await checkLayout(slug, DESKTOP, `${slug}-desktop`);
    const phone = await checkLayout(slug, PHONE, `${slug}-phone`);
    assert.equal(desktop.pitchClipped, false, 'the header pitch is whole or absent');
    assert.ok(desktop.pageWidth <= DESKTOP.width, `no sideways scrolling (${desktop.pageWidth})`);
    assert.deepEqual(desktop.hiddenLegend, [], 'every legend item shows at 1440 px');
    assert.equal(desktop.legendClipped, false);
    assert.deepEqual(desktop.headerClipped, []);
    assert.deepEqual(desktop.cardClipped, []);
    assert.ok(phone.pageWidth <= PHONE.width, `no sideways scrolling on a phone (${phone.pageWidth})`);
    assert.deepEqual(phone.hiddenLegend, [], 'every legend item shows on a phone');
    assert.equal(phone.hiddenTasks, 0, `all ${phone.tasks} tasks show in the state panel`);
    assert.ok(phone.scrubber >= 150, `the scrubber is usable on a phone (${phone.scrubber} px)`);
    assert.equal(desktop.lanesHidden, false, 'every lane shows on a desktop');
    assert.equal(phone.lanesHidden, false, 'every lane shows on a phone');
    assert.equal(desktop.narrationClipped, false, 'the narration of the end shows whole');
    assert.equal(phone.narrationClipped, false, 'the narration of the end shows whole on a phone');
    assert.deepEqual(phone.headerClipped, []);
    assert.deepEqual(phone.cardClipped, []);
  });
}

test('lane labels are not cut, and few lanes fill the timeline', async () => {
  const { page, close } = await openApp({ hash: '#example=lock' });
  // The canvas draws lane names; the label column is wide enough for the lock example's calls.
  const width = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = `600 12px ${getComputedStyle(document.querySelector('.timeline-canvas')).fontFamily}`;
    return c.measureText("increase_counter('Task 1')").width;
  });
  const label = Number(await page.getAttribute('.timeline-canvas', 'data-label-width'));
  assert.ok(label >= width + 20, `label column ${label} px for a ${width.toFixed(0)} px name`);
  // Few lanes: they grow to fill most of the canvas.
  const { boxHeight, lanes } = await page.evaluate(() => ({
    boxHeight: document.querySelector('.timeline-canvas-box').getBoundingClientRect().height,
    lanes: document.querySelectorAll('.lane-list li').length,
  }));
  const lane = Number(await page.getAttribute('.timeline-canvas', 'data-lane-height'));
  assert.ok(26 + lanes * lane >= 0.8 * boxHeight, `${lanes} lanes of ${lane} px in a ${boxHeight} px box`);
  await close();
});
