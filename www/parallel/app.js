// The parallel demo page: renders one Mandelbrot image with 1, 2, … N threads, times each, and
// draws every image with its rows coloured by the thread that computed them, plus a speedup chart.
//
// Two engines do the same work with the same Rust renderer (crates/parallel-demo):
// - "threads": cross-origin isolated, so wasm can share memory: rayon's pool of Web Workers
//   (wasm-bindgen-rayon), driven from rayon-worker.js.
// - "workers": no shared memory. Plain Web Workers (band-worker.js), each with its own copy of
//   the renderer, take bands of rows from this page and post the counts back.
//
// URL parameters (for trying things and for the tests): threads=N (the most threads, default
// navigator.hardwareConcurrency), reps=R (rounds, best time kept; default 3), mode=workers (the
// fallback even when isolated), sw=0 (never register the service worker), width, height, iter,
// auto=1 (measure at once).
//
// State for tests and scripts/bench-parallel: window.parallelDemo, and document.body.dataset.state
// ('starting', 'ready', 'running', 'done', 'error').

const params = new URLSearchParams(location.search);
const intParam = (name, fallback, min, max) => {
  const n = Number.parseInt(params.get(name) ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
};

const MAX_THREADS = intParam('threads', Math.min(navigator.hardwareConcurrency || 2, 16), 1, 16);
const REPS = intParam('reps', 3, 1, 20);
const WIDTH = intParam('width', 640, 16, 4096);
const HEIGHT = intParam('height', 400, 16, 4096);
const MAX_ITER = intParam('iter', 2000, 10, 100000);
/** Rows per message in the fallback: small enough to balance, large enough to amortise a message. */
const BAND = 8;
const RELOAD_KEY = 'interleave-parallel-coi-reload';

/** Thread colours (hues), in order of thread index. */
const HUES = [218, 28, 145, 330, 185, 0, 50, 270, 95, 200, 310, 15, 160, 240, 70, 350];

const $ = (selector) => document.querySelector(selector);

const demo = {
  mode: null,
  isolated: globalThis.crossOriginIsolated === true,
  reason: '',
  maxThreads: MAX_THREADS,
  hardwareConcurrency: navigator.hardwareConcurrency || null,
  size: { width: WIDTH, height: HEIGHT, maxIter: MAX_ITER },
  reps: REPS,
  /** One entry per thread count: times, best time, checksum, threads used, same as 1 thread. */
  results: [],
  error: null,
};
window.parallelDemo = demo;

const setState = (state) => {
  document.body.dataset.state = state;
};

function fail(error) {
  demo.error = String(error?.message ?? error);
  setState('error');
  $('#progress').textContent = `Something went wrong: ${demo.error}`;
  $('#run').disabled = true;
}

// ---------------------------------------------------------------------------------------------
// Cross-origin isolation

/**
 * Decides the mode. Isolated: threads. Not isolated: try the service worker (coi-sw.js), which
 * re-serves this folder with the isolation headers, and reload once through it; where that is
 * impossible, or did not help, fall back to message-passing workers and say why.
 * Resolves to null when the page is about to reload.
 */
async function chooseMode() {
  if (params.get('mode') === 'workers') {
    return { mode: 'workers', reason: 'You asked for the message-passing workers (mode=workers).' };
  }
  if (globalThis.crossOriginIsolated) {
    sessionStorage.removeItem(RELOAD_KEY);
    return { mode: 'threads', reason: '' };
  }
  const noSharing =
    'Shared memory is not available here: this page is not cross-origin isolated, because the ' +
    'server does not send the Cross-Origin-Opener-Policy and Cross-Origin-Embedder-Policy headers';
  if (params.get('sw') === '0') {
    return { mode: 'workers', reason: `${noSharing}, and the service worker is switched off (sw=0).` };
  }
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    return {
      mode: 'workers',
      reason: `${noSharing}, and this browser cannot run the service worker that would add them` +
        (window.isSecureContext ? '.' : ' (it needs https or localhost).'),
    };
  }
  let registration;
  try {
    registration = await navigator.serviceWorker.register('./coi-sw.js');
  } catch (error) {
    return { mode: 'workers', reason: `${noSharing}, and the service worker failed to start (${error.message}).` };
  }
  if (!registration) {
    return { mode: 'workers', reason: `${noSharing}, and service workers are blocked here.` };
  }
  if (sessionStorage.getItem(RELOAD_KEY)) {
    sessionStorage.removeItem(RELOAD_KEY);
    return { mode: 'workers', reason: `${noSharing}, and reloading through the service worker did not help.` };
  }
  // Wait until the worker is active, then load the page again through it.
  await navigator.serviceWorker.ready;
  sessionStorage.setItem(RELOAD_KEY, '1');
  location.reload();
  return null;
}

// ---------------------------------------------------------------------------------------------
// Engines: init(maxThreads), then render(threads) -> {ms, iterations, rowThread}

/** Resolves with the first message of `type` from `worker`; rejects on its errors. */
function nextMessage(worker, type) {
  return new Promise((resolve, reject) => {
    const settle = (callback, value) => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      callback(value);
    };
    const onMessage = ({ data }) => {
      if (data?.type === 'error') settle(reject, new Error(data.message));
      else if (data?.type === type) settle(resolve, data);
    };
    const onError = (event) => settle(reject, new Error(event.message || 'a worker failed to load'));
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
  });
}

/** rayon on shared memory, in one driver worker. */
class ThreadsEngine {
  async init(maxThreads) {
    this.worker = new Worker(new URL('./rayon-worker.js', import.meta.url), { type: 'module' });
    this.nextId = 0;
    const ready = nextMessage(this.worker, 'ready');
    this.worker.postMessage({ type: 'init', threads: maxThreads });
    await ready;
  }

  async render(threads) {
    const id = this.nextId++;
    const done = nextMessage(this.worker, 'rendered');
    this.worker.postMessage({ type: 'render', id, width: WIDTH, height: HEIGHT, maxIter: MAX_ITER, threads });
    const { ms, iterations, rowThread } = await done;
    return { ms, iterations, rowThread };
  }
}

/** Plain Web Workers with their own memory, fed bands of rows by postMessage. */
class WorkersEngine {
  async init(maxThreads) {
    this.workers = Array.from(
      { length: maxThreads },
      () => new Worker(new URL('./band-worker.js', import.meta.url), { type: 'module' }),
    );
    await Promise.all(
      this.workers.map((worker) => {
        const ready = nextMessage(worker, 'ready');
        worker.postMessage({ type: 'init' });
        return ready;
      }),
    );
  }

  /** The first `threads` workers take bands of BAND rows, a new one as each comes back. */
  render(threads) {
    const iterations = new Uint32Array(WIDTH * HEIGHT);
    const rowThread = new Uint8Array(HEIGHT);
    const workers = this.workers.slice(0, threads);
    let next = 0;
    let done = 0;
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const give = (worker) => {
        if (next >= HEIGHT) return;
        const y0 = next;
        next = Math.min(HEIGHT, y0 + BAND);
        worker.postMessage({ type: 'band', width: WIDTH, height: HEIGHT, maxIter: MAX_ITER, y0, y1: next });
      };
      workers.forEach((worker, index) => {
        worker.onmessage = ({ data }) => {
          if (data.type === 'error') return reject(new Error(data.message));
          if (data.type !== 'band') return;
          iterations.set(data.iterations, data.y0 * WIDTH);
          rowThread.fill(index, data.y0, data.y1);
          done += data.y1 - data.y0;
          if (done === HEIGHT) {
            workers.forEach((w) => (w.onmessage = null));
            resolve({ ms: performance.now() - start, iterations, rowThread });
          } else {
            give(worker);
          }
        };
        // Two bands each, so no worker idles while its next band is on the way.
        give(worker);
        give(worker);
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Results

/** 32-bit FNV-1a over the counts' little-endian bytes (parallel_demo::checksum). */
function checksum(iterations) {
  let h = 0x811c9dc5;
  for (let i = 0; i < iterations.length; i++) {
    let v = iterations[i];
    for (let b = 0; b < 4; b++) {
      h = Math.imul(h ^ (v & 0xff), 0x01000193) >>> 0;
      v >>>= 8;
    }
  }
  return h.toString(16).padStart(8, '0');
}

function sameCounts(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Rows per thread id, in thread order: [[id, rows], ...]. */
function rowsPerThread(rowThread) {
  const counts = new Map();
  for (const t of rowThread) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => a[0] - b[0]);
}

function record(threads, rendered, reference) {
  let entry = demo.results.find((r) => r.threads === threads);
  if (!entry) {
    entry = { threads, times: [], best: Infinity };
    demo.results.push(entry);
  }
  entry.times.push(Math.round(rendered.ms * 10) / 10);
  entry.best = Math.min(...entry.times);
  entry.checksum = checksum(rendered.iterations);
  const perThread = rowsPerThread(rendered.rowThread);
  entry.rowsPerThread = Object.fromEntries(perThread);
  entry.threadsUsed = perThread.length;
  entry.sameAsOneThread = sameCounts(rendered.iterations, reference ?? rendered.iterations);
  const one = demo.results.find((r) => r.threads === 1);
  for (const r of demo.results) r.speedup = one ? Math.round((one.best / r.best) * 100) / 100 : null;
  return entry;
}

// ---------------------------------------------------------------------------------------------
// Drawing

/** colours[thread][iterations] as packed RGBA, so a pixel is one array read. */
function palette() {
  const table = [];
  const logMax = Math.log(MAX_ITER + 1);
  for (let t = 0; t < 256; t++) {
    const hue = HUES[t % HUES.length];
    const colours = new Uint32Array(MAX_ITER + 1);
    for (let n = 0; n <= MAX_ITER; n++) {
      const inside = n === MAX_ITER;
      const light = inside ? 0.16 : 0.97 - 0.72 * Math.pow(Math.log(n + 1) / logMax, 0.8);
      const [r, g, b] = hsl(hue, inside ? 0.45 : 0.8, light);
      colours[n] = (255 << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
    }
    table.push(colours);
  }
  return table;
}

function hsl(h, s, l) {
  const k = (n) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => Math.round(255 * (l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1))));
  return [f(0), f(8), f(4)];
}

let colours = null;

function drawImage(canvas, { iterations, rowThread }) {
  colours ??= palette();
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(WIDTH, HEIGHT);
  const pixels = new Uint32Array(image.data.buffer);
  for (let y = 0; y < HEIGHT; y++) {
    const table = colours[rowThread[y]];
    for (let x = 0, i = y * WIDTH; x < WIDTH; x++, i++) pixels[i] = table[iterations[i]];
  }
  ctx.putImageData(image, 0, 0);
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const workerWord = () => (demo.mode === 'threads' ? 'thread' : 'worker');

function buildTiles() {
  const tiles = $('#tiles');
  tiles.replaceChildren();
  for (let k = 1; k <= MAX_THREADS; k++) {
    const figure = document.createElement('figure');
    figure.className = 'tile';
    figure.dataset.threads = String(k);
    figure.innerHTML = `<canvas width="${WIDTH}" height="${HEIGHT}"></canvas>
      <figcaption><strong>${plural(k, workerWord())}</strong> <span class="time">not run yet</span>
      <span class="legend"></span></figcaption>`;
    tiles.append(figure);
  }
}

/** Draws the latest image of `entry`'s thread count and its legend (rows per thread). */
function updateTile(entry, rendered) {
  const figure = $(`.tile[data-threads="${entry.threads}"]`);
  drawImage(figure.querySelector('canvas'), rendered);
  figure.querySelector('.legend').replaceChildren(
    ...Object.entries(entry.rowsPerThread).map(([t, rows]) => {
      const chip = document.createElement('span');
      chip.className = 'chip';
      chip.style.setProperty('--hue', HUES[t % HUES.length]);
      chip.textContent = `${workerWord()} ${t}: ${rows} rows`;
      return chip;
    }),
  );
}

/** Best time and speedup under every image (speedups move as the 1-thread best improves). */
function updateCaptions() {
  for (const entry of demo.results) {
    const speedup = entry.speedup ? ` · ${entry.speedup.toFixed(2)}×` : '';
    $(`.tile[data-threads="${entry.threads}"] .time`).textContent = `${entry.best.toFixed(0)} ms${speedup}`;
  }
}

function updateTable() {
  const body = $('#table tbody');
  body.replaceChildren(
    ...demo.results.map((r) => {
      const row = document.createElement('tr');
      row.dataset.threads = String(r.threads);
      const cells = [
        r.threads,
        `${r.best.toFixed(0)} ms`,
        r.speedup ? `${r.speedup.toFixed(2)}×` : '–',
        r.speedup ? `${Math.round((r.speedup / r.threads) * 100)}%` : '–',
        r.threadsUsed,
        r.checksum,
        r.sameAsOneThread ? 'yes' : 'NO',
      ];
      for (const value of cells) {
        const cell = document.createElement('td');
        cell.textContent = String(value);
        row.append(cell);
      }
      if (!r.sameAsOneThread) row.classList.add('mismatch');
      return row;
    }),
  );
}

/** Speedup bars against the ideal line (speedup = thread count). */
function drawChart() {
  const svg = $('#chart');
  const W = 360, H = 220, left = 36, right = 12, top = 14, bottom = 34;
  const n = MAX_THREADS;
  const top_value = Math.max(n, ...demo.results.map((r) => r.speedup ?? 0));
  const x = (k) => left + ((k - 0.5) / n) * (W - left - right);
  const y = (v) => H - bottom - (v / top_value) * (H - top - bottom);
  const barWidth = Math.min(48, ((W - left - right) / n) * 0.6);
  const parts = [];
  for (let v = 0; v <= top_value; v += top_value > 8 ? 2 : 1) {
    parts.push(`<line class="grid" x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text class="axis" x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}×</text>`);
  }
  parts.push(`<polyline class="ideal" points="${x(1)},${y(1)} ${x(n)},${y(n)}"/>`);
  for (const r of demo.results) {
    if (r.speedup == null) continue;
    parts.push(
      `<rect class="bar" x="${x(r.threads) - barWidth / 2}" y="${y(r.speedup)}" width="${barWidth}" height="${y(0) - y(r.speedup)}"/>`,
      `<text class="value" x="${x(r.threads)}" y="${y(r.speedup) - 4}" text-anchor="middle">${r.speedup.toFixed(2)}×</text>`,
    );
  }
  for (let k = 1; k <= n; k++) {
    parts.push(`<text class="axis" x="${x(k)}" y="${H - bottom + 16}" text-anchor="middle">${k}</text>`);
  }
  parts.push(`<text class="axis" x="${(left + W - right) / 2}" y="${H - 4}" text-anchor="middle">${workerWord()}s</text>`);
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.innerHTML = parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Measuring

let engine = null;

async function measure() {
  $('#run').disabled = true;
  setState('running');
  demo.results = [];
  let reference = null;
  try {
    for (let round = 1; round <= REPS; round++) {
      // Every thread count once per round, so a busy moment of the machine hurts them alike.
      for (let k = 1; k <= MAX_THREADS; k++) {
        $('#progress').textContent =
          `Rendering with ${plural(k, workerWord())}` + (REPS > 1 ? ` (round ${round} of ${REPS})…` : '…');
        const rendered = await engine.render(k);
        if (k === 1 && !reference) reference = rendered.iterations;
        updateTile(record(k, rendered, reference), rendered);
        updateCaptions();
        updateTable();
        drawChart();
      }
    }
  } catch (error) {
    fail(error);
    return;
  }
  const last = demo.results.at(-1);
  $('#compare').textContent =
    `Here, ${plural(last.threads, workerWord())} just ran ${last.speedup.toFixed(2)}× as fast as one. `;
  $('#progress').textContent =
    `Done: ${plural(last.threads, workerWord())} ran ${last.speedup.toFixed(2)}× as fast as one, ` +
    (demo.results.every((r) => r.sameAsOneThread) ? 'with exactly the same image.' : 'but the images DIFFER.');
  $('#run').disabled = false;
  setState('done');
}

/** Shows the Python version of the job (the hook for the playground's GIL simulation). */
async function showPythonSource() {
  const response = await fetch('mandelbrot_threads.py');
  if (response.ok) $('#python-source').textContent = await response.text();
}

async function main() {
  setState('starting');
  showPythonSource().catch(() => {});
  $('#sizes').textContent = `${WIDTH}×${HEIGHT} pixels, up to ${MAX_ITER} iterations a pixel, best of ${plural(REPS, 'round')}`;
  const chosen = await chooseMode();
  if (!chosen) return; // reloading through the service worker
  Object.assign(demo, chosen, { isolated: globalThis.crossOriginIsolated === true });
  document.body.dataset.mode = demo.mode;

  const status = $('#status');
  if (demo.mode === 'threads') {
    status.className = 'status ok';
    status.textContent =
      `Cross-origin isolated: one wasm memory shared by a rayon pool of ${plural(MAX_THREADS, 'thread')} ` +
      `(Web Workers), with no GIL.`;
  } else {
    status.className = 'status warn';
    status.textContent =
      `${demo.reason} So this page falls back to message-passing workers: ${plural(MAX_THREADS, 'plain Web Worker')}, ` +
      'each with its own copy of the renderer and its own memory, render bands of rows and send them back ' +
      'with postMessage. That is still parallel, like processes rather than threads.';
  }
  buildTiles();
  drawChart();
  $('#run').textContent = `Measure 1–${MAX_THREADS} ${workerWord()}s`;

  engine = demo.mode === 'threads' ? new ThreadsEngine() : new WorkersEngine();
  $('#progress').textContent = `Starting ${plural(MAX_THREADS, workerWord())}…`;
  await engine.init(MAX_THREADS);
  // The browser first runs wasm with a quick baseline compiler and swaps in optimised code
  // once a function is hot; one untimed render first, so every measured run is optimised code.
  $('#progress').textContent = 'Warming up…';
  await engine.render(MAX_THREADS);
  $('#progress').textContent = 'Ready.';
  $('#run').disabled = false;
  $('#run').addEventListener('click', measure);
  setState('ready');
  if (params.get('auto') === '1') measure();
}

main().catch(fail);
