// The fallback's worker, for pages without shared memory: one plain Web Worker with its own
// instance of the renderer (the build without threads) and its own memory. The page sends it
// bands of rows to render; the counts come back by postMessage, moved rather than shared.
//
// Messages in:  {type: 'init'}                               out: {type: 'ready'}
//               {type: 'band', width, height, maxIter, y0, y1} out: {type: 'band', y0, y1, iterations}
// Errors go out as {type: 'error', message}.

import init, { render_band } from './pkg-plain/parallel_demo.js';

const ready = init();

self.onmessage = async ({ data }) => {
  try {
    await ready;
    if (data.type === 'init') {
      postMessage({ type: 'ready' });
    } else if (data.type === 'band') {
      const iterations = render_band(data.width, data.height, data.maxIter, data.y0, data.y1);
      postMessage({ type: 'band', y0: data.y0, y1: data.y1, iterations }, [iterations.buffer]);
    }
  } catch (error) {
    postMessage({ type: 'error', message: String(error?.message ?? error) });
  }
};
