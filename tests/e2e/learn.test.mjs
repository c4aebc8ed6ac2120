// End-to-end tests of Learn (#learn, #learn/N): the release build in dist/, in headless
// Chromium. The lessons' answers come from their files (src/ui/learn/lessons/), which
// tests/learn.rs holds to the engine's runs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { testEnvironment, watchProblems, ROOT } from './support.mjs';

const env = testEnvironment();

/** Every lesson: number, title, choices and declared answer. */
async function lessons() {
  const dir = path.join(ROOT, 'src/ui/learn/lessons');
  const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.txt')).sort();
  return Promise.all(names.map(async (name) => {
    const text = await fs.readFile(path.join(dir, name), 'utf8');
    const field = (key, from = text) => from.match(new RegExp(`^${key}: (.*)$`, 'm'))?.[1].trim();
    const q = text.slice(text.indexOf('\n=== question'));
    const choices = field('choices', q)?.split(' | ').map((c) => c.trim()) ?? [];
    const compares = /^=== compare:/m.test(text);
    return { number: Number(field('section')), title: field('title'), answer: field('answer', q), choices, compares };
  }));
}

async function open(hash, { viewport = { width: 1440, height: 900 }, colorScheme = 'light', context } = {}) {
  context ??= await env.browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(env.server.url + hash);
  await page.waitForSelector('.app');
  return { page, context, problems };
}

const runsOf = async (page) => Number(await page.getAttribute('.app', 'data-runs'));
async function waitForRuns(page, n) {
  await page.waitForFunction((k) => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= k, n, { timeout: 30_000 });
}

/** Answers the lesson's question with `value` (a choice's text or a number). */
async function answer(page, lesson, value) {
  if (lesson.choices.length) {
    await page.getByRole('group', { name: 'Choices' }).getByRole('button', { name: value, exact: true }).click();
  } else {
    await page.fill('#learn-number', String(value));
    await page.press('#learn-number', 'Enter');
  }
  await page.waitForSelector('.learn-verdict');
}

function wrongAnswer(lesson) {
  return lesson.choices.length ? lesson.choices.find((c) => c !== lesson.answer) : Number(lesson.answer) + 5;
}

test('lesson 16: the run is veiled until the prediction, a wrong answer is revealed and explained', async () => {
  const all = await lessons();
  const l16 = all.find((l) => l.number === 16);
  const { page, context, problems } = await open('#learn/16', { viewport: { width: 390, height: 844 } });
  await waitForRuns(page, 1);
  assert.match(await page.textContent('#learn-title'), /bathroom key/);
  assert.match(await page.inputValue('.editor-plain').catch(() => '') || await page.textContent('.editor'), /increase_counter/);
  // Before answering: the run is hidden and cannot be reached.
  assert.ok(await page.isVisible('.learn-veil'));
  assert.equal(await page.$eval('.pane-run', (e) => e.inert), true);
  await page.screenshot({ path: path.join(env.shots, 'learn-lesson-phone-before.png'), fullPage: true });

  await answer(page, l16, 'Task 3');
  const verdict = await page.textContent('.learn-verdict');
  assert.match(verdict, /Not quite/);
  assert.match(verdict, /you said Task 3/);
  assert.match(verdict, /The run says: Task 2 acquired lock/);
  assert.match(verdict, /Task 2 reached the door before Task 3/);
  assert.equal(await page.$('.learn-veil'), null);
  assert.equal(await page.$eval('.pane-run', (e) => e.inert), false);
  // The reveal plays the run from its start; wait until the output shows the second holder.
  await page.waitForFunction(() => [...document.querySelectorAll('.output-panel .line-text')].some((e) => e.textContent === 'Task 2 acquired lock'), null, { timeout: 30_000 });
  await page.screenshot({ path: path.join(env.shots, 'learn-lesson-phone-after.png'), fullPage: true });

  // Next goes to lesson 17, which runs its own program.
  const before = await runsOf(page);
  await page.click('a[rel="next"]');
  await page.waitForFunction(() => location.hash === '#learn/17');
  await waitForRuns(page, before + 1);
  assert.match(await page.textContent('#learn-title'), /Semaphore and Event/);
  assert.ok(await page.isVisible('.learn-veil'), 'a new lesson asks first');
  const l17 = all.find((l) => l.number === 17);
  await answer(page, l17, l17.answer);
  assert.match(await page.textContent('.learn-verdict'), /✓ Right/);

  // Progress survives a reload and shows on the map.
  await page.goto(env.server.url + '#learn');
  await page.reload();
  await page.waitForSelector('.learn-map');
  assert.match(await page.textContent('.learn-progress'), /2 of 19 lessons answered, 1 right/);
  const marks = await page.$$eval('.learn-lesson-item', (els) => els.map((e) => e.className.split(' ').pop()));
  assert.equal(marks.length, 19);
  assert.equal(marks[15], 'wrong');
  assert.equal(marks[16], 'right');
  assert.equal(marks.filter((m) => m === 'open').length, 17);
  await page.screenshot({ path: path.join(env.shots, 'learn-map-phone.png'), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the map is ${overflow}px wider than a phone`);
  // The reload may abort a request still in flight (the favicon): that is the reload's doing.
  assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_ABORTED')), []);
  await context.close();
});

test('every lesson opens at its link, runs, and checks a right and a wrong answer', async () => {
  const all = await lessons();
  assert.equal(all.length, 19);
  const { page, context, problems } = await open('#learn');
  await page.waitForSelector('.learn-map');
  // The map lists the lessons in the guide's order, each linking to its lesson.
  const links = await page.$$eval('.learn-lessons a', (els) => els.map((e) => e.getAttribute('href')));
  assert.deepEqual(links, all.map((l) => `#learn/${l.number}`));
  await page.screenshot({ path: path.join(env.shots, 'learn-map-desktop.png') });
  for (const lesson of all) {
    const before = await runsOf(page);
    await page.evaluate((n) => { location.hash = `learn/${n}`; }, lesson.number);
    await waitForRuns(page, before + 1);
    assert.equal(await page.textContent('#learn-title'), lesson.title, `lesson ${lesson.number}`);
    assert.equal(await page.$('.learn-compare-open'), null, 'the comparison waits for the answer too');
    assert.ok(await page.isVisible('.learn-veil'), `lesson ${lesson.number} asks first`);
    if (lesson.number === 16) await page.screenshot({ path: path.join(env.shots, 'learn-prediction-desktop-before.png') });
    await answer(page, lesson, lesson.answer);
    assert.match(await page.textContent('.learn-verdict'), /✓ Right/, `lesson ${lesson.number}: the declared answer`);
    if (lesson.number === 16) await page.screenshot({ path: path.join(env.shots, 'learn-prediction-desktop-after.png') });
    assert.equal(Boolean(await page.$('.learn-compare-open')), lesson.compares, `lesson ${lesson.number} offers a comparison`);
    await page.click('.learn-verdict .link-button'); // Predict again
    await answer(page, lesson, wrongAnswer(lesson));
    assert.match(await page.textContent('.learn-verdict'), /✗ Not quite/, `lesson ${lesson.number}: a wrong answer`);
    if (lesson.number === 10) {
      // Threads against processes on CPU-bound work: the processes' total is the smaller.
      await page.click('.learn-compare-open');
      await page.waitForSelector('.learn-compare');
      const totals = await page.$$eval('.cmp-total', (els) => els.map((e) => parseFloat(e.textContent.replace('total ', ''))));
      assert.equal(totals.length, 2);
      assert.ok(totals[1] < totals[0], `processes ${totals[1]} s should beat threads ${totals[0]} s`);
    } else if (lesson.number === 12) {
      // Compare two runs: blocking and async on one time axis, with their totals.
      await page.click('.learn-compare-open');
      await page.waitForSelector('.learn-compare');
      const runs = await page.$$eval('.cmp-run', (els) => els.map((e) => [e.querySelector('strong').textContent, e.querySelector('.cmp-total').textContent]));
      assert.deepEqual(runs, [['Blocking: A + B', 'total 5 s'], ['Async: max(A, B)', 'total 3 s']]);
      await page.$eval('.learn-compare', (e) => e.scrollIntoView());
      await page.screenshot({ path: path.join(env.shots, 'learn-compare-desktop.png') });
    }
    if (lesson.number === 16) await page.screenshot({ path: path.join(env.shots, 'learn-lesson-desktop.png') });
  }
  await page.evaluate(() => { location.hash = 'learn'; });
  await page.waitForSelector('.learn-map');
  assert.match(await page.textContent('.learn-progress'), /19 of 19 lessons answered, 0 right/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the map and a lesson in the dark theme, and the keyboard reaches the answer', async () => {
  const { page, context, problems } = await open('#learn/3', { colorScheme: 'dark', viewport: { width: 390, height: 844 } });
  await waitForRuns(page, 1);
  // Tab from the lesson's title onwards reaches the number input before anything in the run.
  await page.focus('.learn-crumbs a');
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement?.id === 'learn-number');
  }
  assert.ok(reached, 'the answer is reachable by keyboard');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.learn-verdict.right');
  await page.screenshot({ path: path.join(env.shots, 'learn-lesson-phone-dark.png'), fullPage: true });
  // The comparison on a phone: lesson 12, after its answer.
  const before = await runsOf(page);
  await page.evaluate(() => { location.hash = 'learn/12'; });
  await waitForRuns(page, before + 1);
  await page.fill('#learn-number', '3');
  await page.press('#learn-number', 'Enter');
  await page.click('.learn-compare-open');
  await page.waitForSelector('.learn-compare');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the comparison is ${overflow}px wider than a phone`);
  await page.$eval('.learn-compare', (e) => e.scrollIntoView());
  await page.screenshot({ path: path.join(env.shots, 'learn-compare-phone-dark.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

/** A lesson's challenge from its file: title, starting program and known solution. */
async function challengeOf(number) {
  const dir = path.join(ROOT, 'src/ui/learn/lessons');
  const name = (await fs.readdir(dir)).find((n) => n.startsWith(String(number).padStart(2, '0') + '-'));
  const blocks = (await fs.readFile(path.join(dir, name), 'utf8')).split('\n=== ');
  const body = (kind) => {
    const b = blocks.find((x) => x.startsWith(kind));
    return b.slice(b.indexOf('\n') + 1).trimEnd() + '\n';
  };
  const title = blocks.find((x) => x.startsWith('challenge:')).split('\n')[0].slice('challenge:'.length).trim();
  return { title, start: body('start'), solution: body('solution') };
}

/** Replaces the editor's text as typing would (the page sees an edit). */
async function typeProgram(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
  await page.waitForFunction((t) => window.InterleaveEditor.text() === t, text);
}

/** Presses the challenge's Check and waits for its verdict; returns [passed, sentence]. */
async function check(page) {
  // Each check's verdict names its request (`data-check`): wait for a verdict of a check
  // newer than the one on screen, never for one an earlier check left.
  const before = await page.$eval('.learn-challenge', (b) => b.querySelector('.challenge-verdict[data-check]')?.dataset.check ?? '');
  await page.click('.challenge-check');
  await page.waitForFunction((prev) => {
    const v = document.querySelector('.challenge-verdict[data-check]');
    return v && v.dataset.check !== prev;
  }, before, { timeout: 120_000 });
  const el = await page.$('.challenge-verdict');
  return [(await el.getAttribute('data-pass')) === 'true', await el.textContent()];
}

test('a challenge: the start fails, a known solution passes, the map marks it, and its link opens it elsewhere', async () => {
  const c = await challengeOf(17);
  const { page, context, problems } = await open('#learn/17/challenge');
  await waitForRuns(page, 1);
  // A challenge link opens on the challenge with its starting program, the run not veiled.
  assert.match(await page.textContent('#challenge-title'), /Limit it to 2 at once/);
  assert.equal(await page.evaluate(() => window.InterleaveEditor.text()), c.start);
  assert.equal(await page.$('.learn-veil'), null);
  let [pass, sentence] = await check(page);
  assert.equal(pass, false, sentence);
  assert.match(sentence, /Not yet: 4 were sleeping at once; the goal is at most 2/);
  // One at a time keeps under two but misses the time goal.
  await typeProgram(page, c.solution.replace('Semaphore(2)', 'Semaphore(1)'));
  [pass, sentence] = await check(page);
  assert.equal(pass, false, sentence);
  assert.match(sentence, /it takes 8 s; the goal is at most 4 s/);
  await typeProgram(page, c.solution);
  [pass, sentence] = await check(page);
  assert.equal(pass, true, sentence);
  assert.match(sentence, /Solved\. At most two work at a time now/);
  assert.equal(await page.getAttribute('.learn-challenge', 'data-solved'), 'true');
  await page.$eval('.learn-challenge', (e) => e.scrollIntoView());
  await page.screenshot({ path: path.join(env.shots, 'learn-challenge-solved-desktop.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(env.shots, 'learn-challenge-solved-desktop-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });

  // The challenge link carries the learner's program.
  await page.click('.challenge-link-button');
  const link = await page.getAttribute('.challenge-link a', 'href');
  assert.match(link, /#learn\/17\/challenge&v\d+=/);

  // Solved survives a reload and shows on the map.
  await page.goto(env.server.url + '#learn');
  await page.reload();
  await page.waitForSelector('.learn-map');
  assert.match(await page.textContent('.learn-progress'), /1 of 6 challenges solved/);
  const marks = await page.$$eval('.learn-lesson-item', (els) => els.map((e) => e.querySelector('.learn-challenge-mark')?.className ?? ''));
  assert.equal(marks[16], 'learn-challenge-mark solved');
  assert.equal(marks.filter((m) => m === 'learn-challenge-mark').length, 5);
  assert.deepEqual(problems.filter((p) => !p.includes('net::ERR_ABORTED')), []);
  await context.close();

  // Someone else, on a phone in the dark: the link opens the challenge with that program.
  const other = await open(link.slice(link.indexOf('#')), { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
  await waitForRuns(other.page, 1);
  assert.equal(await other.page.evaluate(() => window.InterleaveEditor.text()), c.solution);
  assert.equal(await other.page.getAttribute('.learn-challenge', 'data-solved'), 'false', 'solved is the learner\'s own');
  [pass, sentence] = await check(other.page);
  assert.equal(pass, true, sentence);
  await other.page.$eval('.learn-challenge', (e) => e.scrollIntoView());
  await other.page.screenshot({ path: path.join(env.shots, 'learn-challenge-solved-phone-dark.png') });
  await other.page.emulateMedia({ colorScheme: 'light' });
  await other.page.screenshot({ path: path.join(env.shots, 'learn-challenge-solved-phone.png') });
  const overflow = await other.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the challenge is ${overflow}px wider than a phone`);
  assert.deepEqual(other.problems, []);
  await other.context.close();
});

test('fix the deadlock: checked on every schedule by the explorer', async () => {
  const c = await challengeOf(11);
  const { page, context, problems } = await open('#learn/11/challenge');
  await waitForRuns(page, 1);
  let [pass, sentence] = await check(page);
  assert.equal(pass, false, sentence);
  assert.match(sentence, /Not yet: \d+ of \d+ schedules still go wrong \(\d+ deadlock\)/);
  await typeProgram(page, c.solution);
  [pass, sentence] = await check(page);
  assert.equal(pass, true, sentence);
  assert.match(sentence, /Every schedule now finishes/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every challenge: its starting program fails and its known solution passes', async () => {
  for (const n of [6, 12, 14, 18]) {
    const c = await challengeOf(n);
    const { page, context, problems } = await open(`#learn/${n}/challenge`);
    await page.waitForSelector('#challenge-title');
    assert.ok((await page.textContent('#challenge-title')).includes(c.title), `lesson ${n}: ${c.title}`);
    await typeProgram(page, c.start);
    let [pass, sentence] = await check(page);
    assert.equal(pass, false, `lesson ${n}'s start passed: ${sentence}`);
    await typeProgram(page, c.solution);
    [pass, sentence] = await check(page);
    assert.equal(pass, true, `lesson ${n}'s solution failed: ${sentence}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a compare link carries both programs and reopens both runs', async () => {
  const { page, context, problems } = await open('#learn/12');
  await waitForRuns(page, 1);
  await page.fill('#learn-number', '3');
  await page.press('#learn-number', 'Enter');
  await page.click('.learn-compare-open');
  await page.waitForSelector('.learn-compare');
  await page.click('.cmp-link-button');
  const link = await page.getAttribute('.cmp-link', 'href');
  assert.match(link, /#learn\/12\/compare&v\d+=[^&]+&v\d+=/);
  await context.close();

  // Elsewhere (no answer given there): the link opens the lesson with both runs compared.
  const other = await open(link.slice(link.indexOf('#')));
  await other.page.waitForSelector('.learn-compare', { timeout: 60_000 });
  const runs = await other.page.$$eval('.cmp-run', (els) => els.map((e) => [e.querySelector('strong').textContent, e.querySelector('.cmp-total').textContent]));
  assert.deepEqual(runs, [['Blocking: A + B', 'total 5 s'], ['Async: max(A, B)', 'total 3 s']]);
  assert.equal(await other.page.$('.learn-veil'), null);
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
  await other.context.close();
});
