// The shared-memory mode's driver: a module Web Worker that owns the rayon pool.
//
// wasm-bindgen-rayon's `initThreadPool(n)` starts n more Web Workers that instantiate the same
// module on the same shared memory; `render_parallel` then blocks this worker (never the page)
// while the pool's threads share the rows. The time is taken here, around that one call.
//
// Messages in:  {type: 'init', threads}        out: {type: 'ready'}
//               {type: 'render', id, width, height, maxIter, threads}
//                                              out: {type: 'rendered', id, ms, iterations, rowThread}
// Errors go out as {type: 'error', message}.

import init, { initThreadPool, render_parallel } from './pkg/parallel_demo.js';

self.onmessage = async ({ data }) => {
  try {
    if (data.type === 'init') {
      await init();
      await initThreadPool(data.threads);
      postMessage({ type: 'ready' });
    } else if (data.type === 'render') {
      const start = performance.now();
      const rendered = render_parallel(data.width, data.height, data.maxIter, data.threads);
      const ms = performance.now() - start;
      // Copies out of the shared memory, so they can be transferred.
      const iterations = rendered.iterations();
      const rowThread = rendered.rowThread();
      rendered.free();
      postMessage({ type: 'rendered', id: data.id, ms, iterations, rowThread }, [
        iterations.buffer,
        rowThread.buffer,
      ]);
    }
  } catch (error) {
    postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
