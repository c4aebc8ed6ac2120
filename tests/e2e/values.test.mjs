// End-to-end tests of the variables panel and the "Show internals" switch: the release build
// in dist/, in headless Chromium.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { testEnvironment, watchProblems } from './support.mjs';

const SAVED_KEY = 'interleave.program.v1';

const env = testEnvironment();

/** Opens the app (optionally with `saved` as the saved program) and waits for its first run. */
async function openApp({ hash = '', saved, viewport, context } = {}) {
  context ??= await env.browser.newContext({ viewport: viewport ?? { width: 1440, height: 900 } });
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
  await page.goto(env.server.url + hash);
  await page.waitForFunction(() => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= 1, null, { timeout: 30_000 });
  return { page, problems, context, close: () => context.close() };
}

async function playhead(page) {
  return Number(await page.getAttribute('.app', 'data-playhead'));
}

/** One event forward with →, waiting until the page shows it. */
async function stepForward(page) {
  const before = await playhead(page);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((p) => Number(document.querySelector('.app').dataset.playhead) === p + 1, before);
}

/** Steps forward until the variables panel highlights a store of `name`; false at the end. */
async function stepToStoreOf(page, name) {
  const events = Number(await page.getAttribute('.app', 'data-events'));
  while ((await playhead(page)) < events) {
    await stepForward(page);
    // `data-name` is the variable's name.
    const changed = await page.$$eval('.values-panel li.value.changed', (els) => els.map((e) => e.dataset.name ?? e.querySelector('.value-name').textContent));
    if (changed.includes(name)) return true;
  }
  return false;
}

/** The variables shown in one section of the panel: { full name: repr }. */
async function variables(page, section) {
  return page.$eval(section, (el) => Object.fromEntries([...el.querySelectorAll('li.value')].map((li) => [
    li.dataset.name ?? li.querySelector('.value-name').textContent,
    li.querySelector(':scope > .value-repr').textContent,
  ])));
}

test('the variables panel shows the lost update: each task read 0 and wrote 1', async () => {
  const { page, problems, close } = await openApp({ hash: '#example=race' });
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  assert.equal(await playhead(page), 0);
  const writes = [];
  for (let i = 0; i < 2; i++) {
    assert.ok(await stepToStoreOf(page, 'counter'), `write ${i + 1} of counter found`);
    // Skip the module's own `counter = 0`: the writes we want are in update().
    const frames = await page.$$eval('.values-panel .values-frame h3', (els) => els.map((e) => e.textContent));
    if (!frames.some((f) => f.includes('in update()'))) {
      i--;
      continue;
    }
    const globals = await variables(page, '.values-panel .values-globals');
    const frame = await page.$$eval('.values-panel .values-frame', (sections) => {
      const s = sections.find((el) => el.querySelector('h3').textContent.includes('in update()'));
      return Object.fromEntries([...s.querySelectorAll('li.value')].map((li) => [
        li.querySelector('.value-name').textContent,
        li.querySelector('.value-repr').textContent,
      ]));
    });
    writes.push({ counter: globals.counter, temp: frame.temp, name: frame.name });
    assert.match(await page.textContent('.narration-text'), /sets the global counter = 1/);
  }
  assert.deepEqual(writes.map((w) => [w.counter, w.temp]), [['1', '0'], ['1', '0']], 'read 0, write 1, twice: a lost update');
  assert.notEqual(writes[0].name, writes[1].name, 'two different tasks wrote');
  await page.screenshot({ path: path.join(env.shots, 'values-race-desktop.png') });
  assert.deepEqual(problems, []);
  await close();
});

test('a list changed in place shows its new value, and a method\'s self all its attributes as they are', async () => {
  const program = [
    'import asyncio',
    '',
    'results = []',
    '',
    '',
    'class Counter:',
    '    def __init__(self):',
    '        self.count = 0',
    '',
    '    async def bump(self):',
    '        self.count += 1',
    '        await asyncio.sleep(0)',
    '',
    '',
    'async def worker(name, counter):',
    '    results.append(name)',
    '    await counter.bump()',
    '    await asyncio.sleep(0.1)',
    '',
    '',
    'async def main():',
    '    counter = Counter()',
    "    await asyncio.gather(worker('a', counter), worker('b', counter))",
    '    print(results, counter.count)',
    '',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
  const { page, problems, close } = await openApp({ saved: program });
  assert.match(await page.textContent('.output-panel .output'), /\['a', 'b'\] 2/);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  // `results = []`, then each worker's `results.append(name)`: the panel shows the list as it is.
  const seen = [];
  while (seen.length < 3 && await stepToStoreOf(page, 'results')) {
    seen.push((await variables(page, '.values-panel .values-globals')).results);
  }
  assert.deepEqual(seen, ['[]', "['a']", "['a', 'b']"]);
  // The method's `self` shows with its attributes (one variable of its frame, as in CPython).
  await page.keyboard.press('Home');
  const bump = () => page.$$eval('.values-panel .values-frame', (sections) => {
    const s = sections.find((el) => el.querySelector('h3').textContent.includes('in bump()'));
    return s && [...s.querySelectorAll('li.value')].map((li) => [li.dataset.name, li.querySelector('.value-repr').textContent]);
  });
  assert.ok(await stepToStoreOf(page, 'self'), 'self shown');
  assert.deepEqual(await bump(), [['self', '<Counter count=1>']]);
  // The other worker's bump stores into the same object: the first call's `self` shows it,
  // and the narration names the task that changed it.
  assert.ok(await stepToStoreOf(page, 'self'), 'self changed');
  assert.deepEqual(await bump(), [['self', '<Counter count=2>']]);
  assert.match(await page.textContent('.narration-text'), /worker\('b'\) changes self in worker\('a'\)'s bump\(\) to <Counter count=2> \(\.count set, line 11\)/);
  await page.screenshot({ path: path.join(env.shots, 'values-self-desktop.png') });
  assert.deepEqual(problems, []);
  await close();
});

test('a container changed by a function it is passed to shows its new value, and the narration says how', async () => {
  const program = [
    'import asyncio',
    'import heapq',
    'import random',
    '',
    'jobs = []',
    'order = [3, 1, 2]',
    '',
    '',
    'def tidy(items):',
    '    random.shuffle(items)',
    '    items.sort()',
    '',
    '',
    'async def producer(n):',
    '    heapq.heappush(jobs, n)',
    '    await asyncio.sleep(0)',
    '',
    '',
    'async def main():',
    '    await asyncio.gather(producer(5), producer(2))',
    '    tidy(order)',
    '    await asyncio.sleep(0)',
    '    print(jobs, order)',
    '',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
  const { page, problems, close } = await openApp({ saved: program });
  assert.match(await page.textContent('.output-panel .output'), /\[2, 5\] \[1, 2, 3\]/);
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  // `jobs = []`, then each producer's heappush (a native function given the list).
  const seen = [];
  const said = [];
  while (seen.length < 3 && await stepToStoreOf(page, 'jobs')) {
    seen.push((await variables(page, '.values-panel .values-globals')).jobs);
    said.push(await page.textContent('.narration-text'));
  }
  assert.deepEqual(seen, ['[]', '[5]', '[2, 5]']);
  assert.match(said[0], /sets the global jobs = \[\] \(line 5\)/);
  // Said of the task that changed it, in plain words: not "sets", the list is the same one.
  assert.match(said[1], /producer\(5\) changes the global jobs to \[5\] \(given to heappush\(\), line 15\)/);
  assert.match(said[2], /producer\(2\) changes the global jobs to \[2, 5\]/);
  // A helper shuffles (random.py's code) then sorts the list it is given: the global shows it.
  await page.keyboard.press('Home');
  const orders = [];
  while (orders.length < 2 && await stepToStoreOf(page, 'order')) {
    orders.push((await variables(page, '.values-panel .values-globals')).order);
  }
  assert.deepEqual(orders, ['[3, 1, 2]', '[1, 2, 3]']);
  assert.match(await page.textContent('.narration-text'), /changes the global order to \[1, 2, 3\] \(\.sort\(\), line 11\)/);
  await page.screenshot({ path: path.join(env.shots, 'values-changed-by-callee-desktop.png') });
  assert.deepEqual(problems, []);
  await close();
});

test('the variables panel fits a phone and never turns program text into HTML', async () => {
  const program = [
    'import asyncio',
    "title = '<b>bold</b> & <img src=x onerror=alert(1)>'",
    'async def main():',
    "    note = '<i>' * 3",
    '    await asyncio.sleep(1)',
    'asyncio.run(main())',
    '',
  ].join('\n');
  const { page, problems, close } = await openApp({ saved: program, viewport: { width: 390, height: 844 } });
  await page.evaluate(() => document.activeElement?.blur());
  // Step to the store of `note`, inside main().
  await page.keyboard.press('Home');
  assert.ok(await stepToStoreOf(page, 'note'));
  const globals = await variables(page, '.values-panel .values-globals');
  assert.equal(globals.title, "'<b>bold</b> & <img src=x onerror=alert(1)>'");
  const frame = await variables(page, '.values-panel .values-frame');
  assert.equal(frame.note, "'<i><i><i>'");
  assert.equal(await page.$$eval('.values-panel b, .values-panel i, .values-panel img', (els) => els.length), 0, 'no element made from program text');
  const box = await page.$eval('.values-panel', (el) => {
    el.scrollIntoView();
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, width: r.width, overflow: el.scrollWidth - el.clientWidth };
  });
  assert.ok(box.left >= 0 && box.right <= 390, `inside the screen: ${JSON.stringify(box)}`);
  assert.ok(box.width > 300, `uses the phone's width: ${box.width}`);
  assert.ok(box.overflow <= 1, `no sideways scrolling: ${box.overflow}`);
  await page.screenshot({ path: path.join(env.shots, 'values-phone.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await close();
});

test('"Show internals" reveals the runtime\'s own lanes and is remembered', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const { page, close } = await openApp({ hash: '#example=lock', context });
  const lanes = () => page.$$eval('.lane-list li', (els) => els.map((e) => e.textContent.trim()));
  const hidden = await lanes();
  assert.ok(!hidden.some((l) => /shutdown/.test(l)), `no shutdown lane by default: ${hidden}`);
  const toggle = page.locator('.internals-switch input');
  assert.equal(await toggle.isChecked(), false);
  await toggle.check();
  await page.waitForFunction((n) => document.querySelectorAll('.lane-list li').length > n, hidden.length);
  const shown = await lanes();
  assert.ok(shown.some((l) => /shutdown/.test(l)), `asyncio.run's shutdown task has a lane: ${shown}`);
  // At the end, the narration names the runtime's own step as it is.
  await page.evaluate(() => document.activeElement?.blur());
  // A reload keeps the switch (local storage).
  await page.reload();
  await page.waitForFunction(() => Number(document.querySelector('.app')?.dataset.runs ?? 0) >= 1);
  assert.equal(await page.locator('.internals-switch input').isChecked(), true);
  assert.deepEqual(await lanes(), shown);
  await page.locator('.internals-switch input').uncheck();
  await page.waitForFunction((n) => document.querySelectorAll('.lane-list li').length === n, hidden.length);
  await close();
});
