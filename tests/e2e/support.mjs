// Helpers for the end-to-end tests: a static server for dist/ and headless Chromium.

import { before, after } from 'node:test';
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');

/** A path prefix that the server also serves dist/ under, to show dist/ works at any path. */
export const NESTED = '/hosted/at/a/path/';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * Serves `dir` on a free loopback port, at `/` and at NESTED, with the cross-origin isolation
 * headers `trunk serve` sends. Resolves to `{ url, close }`.
 */
export async function serveDist(dir = DIST) {
  const html = await fs.readFile(path.join(dir, 'index.html'), 'utf8').catch(() => {
    throw new Error(`${dir}/index.html is missing: run \`trunk build --release\` first (scripts/test does)`);
  });
  if (html.includes('.well-known/trunk/ws')) {
    throw new Error(`${dir} holds a \`trunk serve\` build with live reload: run \`trunk build --release\` first`);
  }
  const server = http.createServer(async (req, res) => {
    let urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (urlPath.startsWith(NESTED)) urlPath = '/' + urlPath.slice(NESTED.length);
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(dir, path.normalize(urlPath));
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    };
    try {
      if (!file.startsWith(dir + path.sep)) throw new Error('outside dist');
      const body = await fs.readFile(file);
      headers['Content-Type'] = TYPES[path.extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * For a test file: serves dist/ and launches Chromium before its tests, closes both after, and
 * makes the screenshots folder. Read `env.server` and `env.browser` inside the tests.
 */
export function testEnvironment() {
  const env = { server: null, browser: null, shots: path.join(ARTIFACTS, 'screenshots') };
  before(async () => {
    env.server = await serveDist();
    env.browser = await launchChromium();
    await fs.mkdir(env.shots, { recursive: true });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Debian's Chromium, headless, kept off the network (flags from shared/TOOLCHAIN.md). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects console errors, uncaught exceptions and failed requests of `page`. */
export function watchProblems(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** The native runner (with the page's step budget, 20,000,000), built on demand (scripts/test's `cargo test` has usually built it). */
export const NATIVE = path.join(ROOT, 'target/debug/interleave');

let nativeReady;
function ensureNative() {
  nativeReady ??= (async () => {
    const { execFileSync } = await import('node:child_process');
    try {
      await fs.access(NATIVE);
    } catch {
      execFileSync('cargo', ['build', '--quiet', '--bin', 'interleave'], { cwd: ROOT, stdio: 'inherit' });
    }
  })();
  return nativeReady;
}

/**
 * Runs `source` with the native engine: its stdout lines and the lanes its trace has (task
 * name and coroutine, without asyncio.run's own shutdown tasks).
 */
export async function runNative(source) {
  await ensureNative();
  const { execFileSync } = await import('node:child_process');
  const os = await import('node:os');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'interleave-e2e-'));
  const file = path.join(dir, 'prog.py');
  const traceFile = path.join(dir, 'trace.json');
  await fs.writeFile(file, source);
  let stdout;
  try {
    stdout = execFileSync(NATIVE, ['run', file, '--trace', traceFile, '--max-steps', '20000000'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    stdout = e.stdout ?? '';
  }
  const trace = JSON.parse(await fs.readFile(traceFile, 'utf8'));
  await fs.rm(dir, { recursive: true, force: true });
  const lanes = [];
  const threaded = trace.events.some((e) => /^(thread_|gil_|process_)/.test(e.type));
  if (threaded) lanes.push({ name: 'MainThread', detail: 'main thread' });
  // A task's lane says what the program calls it (trace/describe.rs `task_labels`): the
  // name it gave, else its call `worker('a')` unless two tasks share that call; the
  // runtime's name (or the coroutine) goes below.
  const call = (e) => (/^Task-\d+$/.test(e.name) && e.coro && e.coro !== 'shutdown' ? `${e.coro}(${e.args ?? ''})` : e.name);
  const calls = new Map();
  for (const e of trace.events) if (e.type === 'task_created') calls.set(call(e), (calls.get(call(e)) ?? 0) + 1);
  const taskLanes = new Map();
  for (const e of trace.events) {
    if (e.type === 'task_created' && !(e.parent == null && e.coro === 'shutdown')) {
      const label = calls.get(call(e)) === 1 ? call(e) : e.name;
      const lane = { name: label, detail: label === e.name ? `${e.coro}()` : e.name };
      taskLanes.set(e.task, lane);
      lanes.push(lane);
    }
    if (e.type === 'task_renamed' && taskLanes.has(e.task)) {
      const lane = taskLanes.get(e.task);
      if (lane.detail.startsWith('Task-')) lane.detail = lane.name;
      lane.name = e.name;
    }
    if (e.type === 'thread_created') lanes.push({ name: e.name, detail: e.daemon ? 'daemon thread' : 'thread' });
    if (e.type === 'process_created') lanes.push({ name: e.name, detail: `process on core ${e.core}` });
  }
  return {
    stdout: stdout.split('\n').filter((l, i, a) => i < a.length - 1 || l !== ''),
    lanes: lanes.map((l) => `${l.name} ${l.detail}`),
    end: trace.end,
  };
}

/** The gallery entries: slug, title and program (the file without its `#|` header). */
export async function galleryEntries() {
  const dir = path.join(ROOT, 'src/ui/gallery');
  const list = await fs.readFile(path.join(dir, 'files.rs'), 'utf8');
  const names = [...list.matchAll(/^\s*\("([\w-]+\.py)"/gm)].map((m) => m[1]);
  return Promise.all(
    names.map(async (name) => {
      const text = await fs.readFile(path.join(dir, name), 'utf8');
      const lines = text.split('\n');
      const header = lines.findIndex((l) => !l.startsWith('#|'));
      const meta = Object.fromEntries(
        lines.slice(0, header).map((l) => l.slice(2).trim()).filter((l) => /^(slug|title):/.test(l)).map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
      );
      return { file: name, slug: meta.slug, title: meta.title, program: lines.slice(header).join('\n') };
    }),
  );
}
