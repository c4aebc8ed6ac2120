// End-to-end tests: the release build in dist/, in headless Chromium.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ARTIFACTS, NESTED, ROOT, launchChromium, serveDist, watchProblems } from './support.mjs';

const NOT_BUILT = 'Running is not built yet.';

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the app in a fresh context and waits until it has rendered. */
async function openApp({ urlPath = '', ...contextOptions } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(server.url + urlPath.replace(/^\//, ''));
  await page.waitForSelector('button.run-button');
  await page.waitForLoadState('networkidle');
  return { page, problems, close: () => context.close() };
}

test('the page loads with no console errors', async () => {
  const { problems, close } = await openApp();
  assert.deepEqual(problems, []);
  await close();
});

test('dist/ also works when hosted under a sub-path', async () => {
  const { page, problems, close } = await openApp({ urlPath: NESTED });
  assert.equal(await page.textContent('header h1'), 'Interleave');
  assert.deepEqual(problems, []);
  await close();
});

test('the page has a header, the guide program in the editor, Run, output and timeline', async () => {
  const { page, close } = await openApp();
  assert.match(await page.title(), /Interleave/);
  assert.equal(await page.textContent('header h1'), 'Interleave');
  assert.ok((await page.textContent('header .pitch')).length > 20);

  const program = await fs.readFile(path.join(ROOT, 'tests/scenarios/guide/lock_counter.py'), 'utf8');
  assert.equal(await page.inputValue('textarea.editor'), program);
  assert.match(program, /lock = asyncio\.Lock\(\)/);

  for (const selector of ['button.run-button', '.output-panel', '.timeline-panel']) {
    assert.ok(await page.isVisible(selector), `${selector} is visible`);
  }
  await close();
});

test('clicking Run says that running is not built yet', async () => {
  const { page, problems, close } = await openApp();
  await page.click('button.run-button');
  await page.getByText(NOT_BUILT).waitFor();
  assert.equal((await page.textContent('.output')).trim(), NOT_BUILT);
  assert.deepEqual(problems, []);
  await close();
});

test('Run is reachable with Tab and activates with Enter', async () => {
  const { page, close } = await openApp();
  let focused = false;
  for (let i = 0; i < 10 && !focused; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.matches('button.run-button') ?? false);
  }
  assert.ok(focused, 'Tab reaches the Run button');
  await page.keyboard.press('Enter');
  await page.getByText(NOT_BUILT).waitFor();
  await close();
});

test('screenshots of the page, light and dark, are saved', async () => {
  const dir = path.join(ARTIFACTS, 'screenshots');
  await fs.mkdir(dir, { recursive: true });
  for (const colorScheme of ['light', 'dark']) {
    const { page, close } = await openApp({ colorScheme });
    await page.click('button.run-button');
    await page.getByText(NOT_BUILT).waitFor();
    const file = path.join(dir, `interleave-${colorScheme}.png`);
    await page.screenshot({ path: file, fullPage: true });
    assert.ok((await fs.stat(file)).size > 10_000, `${file} has content`);
    await close();
  }
});
