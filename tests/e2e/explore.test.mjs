// End-to-end tests of the explorer panel (issue 15): Explore and its outcomes, Check every
// schedule, Be the scheduler with goals and challenge links, Stop. The release build in
// dist/, in headless Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ROOT, testEnvironment, watchProblems } from './support.mjs';

const env = testEnvironment();

async function openApp(hash, { viewport, colorScheme = 'light' } = {}) {
  const context = await env.browser.newContext({ viewport: viewport ?? { width: 1440, height: 1000 }, colorScheme });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + hash);
  await page.waitForSelector('button.run-button');
  await page.waitForFunction(() => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= 1, null, { timeout: 60_000 });
  await page.waitForSelector('.explore-panel');
  return { page, problems, close: () => context.close() };
}

const runs = async (page) => Number(await page.getAttribute('.app', 'data-runs'));

async function shot(page, name, selector = '.explore-panel') {
  await page.locator(selector).screenshot({ path: path.join(env.shots, `explore-${name}.png`) });
}

/**
 * Plays the scheduler until the run ends: `pick(threads)` gets the runnable threads
 * ({ name, running, next }) and returns the index to click. Returns how many picks it took.
 */
async function play(page, pick, limit = 200) {
  for (let n = 0; n < limit; n += 1) {
    // Wait for a settled turn: either threads to pick from (enabled) or the end.
    await page.waitForSelector('.scheduler-end, .runnables .runnable:not([disabled])', { timeout: 60_000 });
    if (await page.$('.scheduler-end')) return n;
    const threads = await page.$$eval('.runnables .runnable', (els) => els.map((e) => ({
      name: e.querySelector('.runnable-name').firstChild.textContent.trim(),
      running: e.classList.contains('running'),
      // The step itself (the button's label), not the whole split statement shown.
      next: e.getAttribute('aria-label').replace(/^Run .*? next: /, 'next: '),
    })));
    const prompt = await page.textContent('.scheduler-prompt');
    await page.locator('.runnables .runnable').nth(pick(threads)).click();
    // The next turn has a new prompt (or the run ended).
    await page.waitForFunction((p) => {
      const now = document.querySelector('.scheduler-prompt');
      return document.querySelector('.scheduler-end') || (now && now.textContent !== p);
    }, prompt, { timeout: 60_000 });
  }
  throw new Error('the run did not end');
}

test('Explore the lost update: every outcome, and its losing run loads into the timeline with a narration', async () => {
  const { page, problems, close } = await openApp('#example=race-threads');
  assert.equal(await page.getAttribute('.explore-tab >> nth=0', 'aria-selected'), 'true', 'the race opens in Explore');
  await page.click('.explore-run');
  await page.waitForSelector('.explore-verdict', { timeout: 120_000 });
  const verdict = await page.textContent('.explore-verdict');
  assert.match(verdict, /^[\d,]+ of [\d,]+ schedules print 4, [\d,]+ print[s]? [23], [\d,]+ print[s]? [23] \(every schedule with at most 2 preemptions\)\.$/);
  const labels = await page.$$eval('.outcome-label', (els) => els.map((e) => e.textContent));
  assert.deepEqual([...labels].sort(), ['print 2', 'print 3', 'print 4']);
  await shot(page, 'outcomes');
  // Load a run that prints 2: the timeline shows it, the narration explains it.
  const before = await runs(page);
  await page.locator('.outcome', { hasText: 'print 2' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
  await page.waitForSelector('.explore-narration:not(.muted)');
  const narration = await page.textContent('.explore-narration');
  assert.match(narration, /^Thread-\d \(work\) read `counter` \(\d\) after Thread-\d \(work\) read it and before Thread-\d \(work\) wrote \d/);
  const out = await page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent));
  assert.deepEqual(out, ['2'], 'the loaded run printed 2');
  assert.ok((await page.$$('.explore-switches li')).length >= 1, 'the preemption points are listed');
  // A preemption on `counter`: what the thread set aside was about to do, and what the
  // other thread did to the same variable meanwhile.
  const onCounter = page.locator('.explore-switches li.preemption', { hasText: 'meanwhile' }).filter({ hasText: '`counter`' });
  assert.ok(await onCounter.count() >= 1, 'a preemption around `counter`');
  assert.match(await onCounter.first().textContent(),
    /^Thread-\d \(work\) was preempted at line \d+ before it could (write|read) `counter`( = \d)?( \(\d\))?; meanwhile Thread-\d \(work\) (read|write) `counter`/);
  assert.equal(await page.textContent('.legend-preemption'), '⚡preemption', 'the legend explains the lanes\' mark');
  // Show moves the playhead to it: the lane's mark, narrated at that event.
  await onCounter.first().locator('.explore-preemption').click();
  await page.waitForFunction(() => /^Preemption: /.test(document.querySelector('.narration-text')?.textContent ?? ''));
  assert.match(await page.textContent('.narration-text'),
    /^Preemption: Thread-\d \(work\) could go on to (write|read) `counter`, but the scheduler sets it aside and runs (MainThread|Thread-\d \(work\))$/);
  await shot(page, 'losing-run', '.pane-run');
  assert.deepEqual(problems, []);
  await close();
});

test('Explore two processes sharing a multiprocessing.Value: the lost update found, every schedule, and its run loaded', async () => {
  const program = await fs.readFile(path.join(ROOT, 'tests/explore/process_lost_update.py'), 'utf8');
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(([key, value]) => localStorage.setItem(key, value),
    ['interleave.program.v1', JSON.stringify({ source: program, example: null })]);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await page.waitForSelector('.explore-panel');
  assert.equal(await page.evaluate(() => window.InterleaveEditor.text()), program);
  await page.click('.explore-tab >> nth=0');
  await page.click('.explore-run');
  await page.waitForSelector('.explore-verdict', { timeout: 120_000 });
  assert.match(await page.textContent('.explore-verdict'),
    /^[\d,]+ of [\d,]+ schedules print 4, [\d,]+ print[s]? [23], [\d,]+ print[s]? [23] \(every schedule with at most 2 preemptions\)\.$/);
  const labels = await page.$$eval('.outcome-label', (els) => els.map((e) => e.textContent));
  assert.deepEqual([...labels].sort(), ['print 2', 'print 3', 'print 4']);
  const before = await runs(page);
  await page.locator('.outcome', { hasText: 'print 2' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
  await page.waitForSelector('.explore-narration:not(.muted)');
  assert.match(await page.textContent('.explore-narration'), /^Process-\d read `\.value` after Process-\d read it and before Process-\d wrote \d/);
  const out = await page.$$eval('.output-panel .line:not(.stderr) .line-text', (els) => els.map((e) => e.textContent));
  assert.deepEqual(out, ['2'], 'the loaded run printed 2');
  await shot(page, 'processes');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the homemade-lock example opens in Be the scheduler on the critical-section goal', async () => {
  const { page, problems, close } = await openApp('#example=critical-section');
  await page.waitForSelector('.scheduler-view');
  assert.equal(await page.getAttribute('.explore-tab >> nth=1', 'aria-selected'), 'true');
  assert.match(await page.textContent('.scheduler-goal'), /Get two threads into the critical section at once/);
  await page.waitForSelector('.runnables .runnable');
  assert.deepEqual(problems, []);
  await close();
});

test('Be the scheduler on the race: each runnable thread\'s line in its colour, `counter += 1` split into steps, Undo', async () => {
  const { page, problems, close } = await openApp('#example=race-threads');
  await page.click('.explore-tab >> nth=1');
  // Let the main thread go on until a worker is about to read `counter`.
  let turn;
  for (let n = 0; n < 40; n += 1) {
    await page.waitForSelector('.runnables .runnable:not([disabled])', { timeout: 60_000 });
    turn = await page.$$eval('.runnables .runnable', (els) => els.map((e) => ({
      name: e.querySelector('.runnable-name').firstChild.textContent.trim(),
      running: e.classList.contains('running'),
      line: Number((e.querySelector('.runnable-line').textContent.match(/^line (\d+)/) ?? [0, 0])[1]),
      colour: (e.className.match(/task-(\d)/) ?? [0, ''])[1],
      split: e.querySelector('.step-split')?.textContent ?? '',
      label: e.getAttribute('aria-label'),
    })));
    if (turn.some((t) => /next: read `counter`/.test(t.label))) break;
    const prompt = await page.textContent('.scheduler-prompt');
    await page.locator('.runnables .runnable.running').click();
    await page.waitForFunction((p) => document.querySelector('.scheduler-prompt')?.textContent !== p, prompt, { timeout: 60_000 });
  }
  const reader = turn.find((t) => /next: read `counter`/.test(t.label));
  assert.ok(reader, JSON.stringify(turn));
  // The statement that is not atomic, split into its steps, the current one first.
  assert.match(reader.split, /^read `counter` \(\d\) → add 1 → write `counter`$/);
  // Each runnable thread's line is marked in the editor, in the colour its button shows.
  const marked = await page.$$eval('.cm-content .cm-line', (els) => els.map((el, i) => ({
    n: i + 1,
    exec: el.classList.contains('cm-exec-line'),
    frame: el.classList.contains('cm-frame-line'),
    colour: el.dataset.taskColour ?? null,
  })).filter((l) => l.exec || l.frame));
  const lines = new Map(marked.map((l) => [l.n, l]));
  for (const t of turn.filter((t) => t.line > 0)) {
    const l = lines.get(t.line);
    assert.ok(l, `line ${t.line} of ${t.name} is marked: ${JSON.stringify(marked)}`);
    // Two threads on one line share its mark; otherwise the colour is the thread's.
    if (turn.filter((u) => u.line === t.line).length === 1) assert.equal(l.colour, t.colour, `${t.name}'s colour`);
  }
  const running = turn.find((t) => t.running);
  assert.equal(lines.get(running.line)?.exec, true, 'the running thread\'s line is the current one');
  assert.ok(new Set(turn.map((t) => t.colour)).size === turn.length, 'a colour per thread');
  await shot(page, 'scheduler-split', '.app');
  // Pick the reader, then Undo: back to the same step, the same threads.
  const prompt = await page.textContent('.scheduler-prompt');
  await page.locator('.runnables .runnable', { hasText: reader.name }).filter({ hasText: 'read `counter`' }).first().click();
  await page.waitForFunction((p) => document.querySelector('.scheduler-prompt')?.textContent !== p, prompt, { timeout: 60_000 });
  await page.waitForSelector('.runnables .runnable:not([disabled])');
  await page.click('.scheduler-undo');
  await page.waitForFunction((p) => document.querySelector('.scheduler-prompt')?.textContent === p, prompt, { timeout: 60_000 });
  await page.waitForSelector('.runnables .runnable:not([disabled])');
  const again = await page.$$eval('.runnables .runnable', (els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(again, turn.map((t) => t.label));
  assert.deepEqual(problems, []);
  await close();
});

const CRITICAL = `import threading
inside = 0
def worker():
    global inside
    inside += 1  # critical section
    inside -= 1
t1 = threading.Thread(target=worker)
t2 = threading.Thread(target=worker)
t1.start()
t2.start()
t1.join()
t2.join()
print('done')
`;

test('the critical-section goal: two threads inside at once, and its challenge link', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 1000 } });
  await context.addInitScript(([key, value]) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(key, value);
      sessionStorage.setItem('seeded', '1');
    }
  }, ['interleave.program.v1', JSON.stringify({ source: CRITICAL, example: null })]);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url);
  await page.waitForSelector('.explore-panel');
  await page.click('.explore-tab >> nth=1');
  await page.selectOption('.goal-select select', 'critical');
  await page.waitForFunction(() => /critical section/.test(document.querySelector('.scheduler-goal')?.textContent ?? ''));
  // Let main start both workers, then always switch to the other worker.
  const seen = new Set();
  await play(page, (threads) => {
    threads.forEach((t) => t.name.startsWith('Thread-') && seen.add(t.name));
    const main = threads.findIndex((t) => t.name === 'MainThread');
    if (main >= 0 && seen.size < 2) return main;
    const other = threads.findIndex((t) => !t.running && t.name !== 'MainThread');
    return other >= 0 ? other : threads.findIndex((t) => t.running);
  });
  await page.waitForSelector('.celebrate');
  assert.match(await page.textContent('.celebrate-title'), /two threads into the critical section/);
  const link = await page.inputValue('.challenge-url');
  assert.match(link, /#goal=critical&v\d=/);
  await context.close();
  const { page: p2, problems: problems2, close } = await openApp(link.slice(link.indexOf('#')));
  await p2.waitForSelector('.scheduler-view');
  assert.match(await p2.textContent('.scheduler-goal'), /Get two threads into the critical section at once/);
  assert.match(await p2.evaluate(() => window.InterleaveEditor.text()), /# critical section/);
  await p2.waitForSelector('.runnables .runnable');
  assert.deepEqual(problems, []);
  assert.deepEqual(problems2, []);
  await close();
});

let challenge;

test('Be the scheduler: make two threads take their locks in opposite order and deadlock; Undo steps back', async () => {
  const { page, problems, close } = await openApp('#example=deadlock-threads');
  await page.waitForSelector('.scheduler-view');
  assert.match(await page.textContent('.scheduler-goal'), /deadlock/);
  // What a learner does: let the main thread start both workers, take each worker to its
  // first lock, then have each try its second.
  const seen = new Set();
  const held = new Map();
  const picks = await play(page, (threads) => {
    threads.forEach((t) => t.name.startsWith('Thread-') && seen.add(t.name));
    const main = threads.findIndex((t) => t.name === 'MainThread');
    if (main >= 0 && seen.size < 2) return main;
    const acquire = (t) => /^next: acquire/.test(t.next);
    const count = (t) => held.get(t.name) ?? 0;
    const workers = threads.map((t, i) => ({ ...t, i })).filter((t) => t.name !== 'MainThread');
    const pick = workers.find((t) => acquire(t) && count(t) === 0)
      ?? workers.find((t) => !acquire(t) && count(t) === 0)
      ?? workers.find((t) => acquire(t))
      ?? { ...threads.find((t) => t.running), i: threads.findIndex((t) => t.running) };
    if (acquire(pick)) held.set(pick.name, count(pick) + 1);
    return pick.i;
  });
  assert.ok(picks > 2);
  assert.match(await page.textContent('.scheduler-end'), /deadlocked/);
  await page.waitForSelector('.celebrate');
  challenge = await page.inputValue('.challenge-url');
  assert.match(challenge, /#goal=deadlock&v\d=/);
  await shot(page, 'deadlock-reached');
  // Undo: one pick back, the run is not over.
  await page.click('.scheduler-undo');
  await page.waitForSelector('.runnables .runnable:not([disabled])');
  assert.equal(await page.$('.celebrate'), null);
  assert.deepEqual(problems, []);
  await close();
});

test('a challenge link opens the same program with the same goal', async () => {
  assert.ok(challenge, 'the scheduler test made a link');
  const hash = challenge.slice(challenge.indexOf('#'));
  const { page, problems, close } = await openApp(hash);
  await page.waitForSelector('.scheduler-view');
  assert.equal(await page.getAttribute('.explore-tab >> nth=1', 'aria-selected'), 'true');
  assert.match(await page.textContent('.scheduler-goal'), /Make the threads deadlock/);
  const text = await page.evaluate(() => window.InterleaveEditor.text());
  assert.match(text, /def worker\(first, second\):/);
  await page.waitForSelector('.runnables .runnable');
  assert.deepEqual(problems, []);
  await close();
});

test('Check every schedule proves the fix: with the lock, every schedule prints 4', async () => {
  const { page, problems, close } = await openApp('#example=race-threads');
  const before = await runs(page);
  await page.check('.knob input[type=checkbox]');
  await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
  await page.click('.explore-check');
  await page.waitForSelector('.explore-verdict.check', { timeout: 120_000 });
  const verdict = await page.textContent('.explore-verdict.check');
  assert.match(verdict, /^All [\d,]+ schedules print 4 \(every schedule with at most 2 preemptions\)\.$/);
  await shot(page, 'check');
  assert.deepEqual(problems, []);
  await close();
});

test('Stop during a long exploration ends it at once and the page stays responsive', async () => {
  const { page, problems, close } = await openApp('#example=condition-if');
  await page.click('.explore-tab >> nth=0');
  await page.click('.explore-run');
  await page.waitForFunction(() => /Exploring… [1-9][\d,]* schedules/.test(document.querySelector('.explore-count')?.textContent ?? ''), null, { timeout: 60_000 });
  await page.click('.explore-stop');
  await page.waitForSelector('.explore-verdict');
  assert.match(await page.textContent('.explore-verdict'), /^Stopped after [\d,]+ schedules\.$/);
  // The page answers: a run goes through, and Explore can start again.
  const before = await runs(page);
  await page.click('button.run-button');
  await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
  assert.equal(await page.isEnabled('.explore-run'), true);
  assert.deepEqual(problems, []);
  await close();
});

test('on a phone, by keyboard, in the dark theme', async () => {
  const { page, problems, close } = await openApp('#example=race-threads', { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  // The card names the buttons in bold, not in literal double stars.
  assert.ok(!(await page.textContent('.gallery-card')).includes('**'), 'no literal ** in the card');
  assert.deepEqual(await page.$$eval('.gallery-text strong', (els) => els.map((e) => e.textContent)), ['Explore', 'Be the scheduler', 'Check every schedule']);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `no sideways scrolling (${width}px)`);
  // Keyboard: focus Explore, press Enter; the outcomes are buttons reached by Tab.
  await page.focus('.explore-run');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.explore-verdict', { timeout: 120_000 });
  await page.focus('.outcome >> nth=1');
  const before = await runs(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => Number(document.querySelector('.app').dataset.runs) > n, before);
  await page.waitForSelector('.explore-narration:not(.muted)');
  await page.locator('.explore-panel').scrollIntoViewIfNeeded();
  await shot(page, 'phone-dark');
  // The scheduler by keyboard.
  await page.focus('.explore-tab >> nth=1');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.runnables .runnable:not([disabled])', { timeout: 60_000 });
  const prompt = await page.textContent('.scheduler-prompt');
  await page.focus('.runnables .runnable >> nth=0');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => document.querySelector('.scheduler-prompt')?.textContent !== p, prompt);
  await shot(page, 'phone-dark-scheduler');
  assert.deepEqual(problems, []);
  await close();
});
