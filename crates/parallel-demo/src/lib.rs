//! The parallel demo: a Mandelbrot image rendered by 1..N threads with no GIL.
//!
//! Python threads cannot speed up CPU-bound work because one thread at a time holds the GIL.
//! This crate does the same kind of job, row after row of a Mandelbrot image, in Rust on a
//! [rayon] thread pool whose threads are Web Workers sharing one wasm memory
//! ([wasm-bindgen-rayon](https://docs.rs/wasm-bindgen-rayon)). Every row remembers which thread
//! computed it, so the page can colour the rows by thread: a picture of the work being shared.
//!
//! ```text
//!  page (www/parallel/app.js)          driver worker (rayon-worker.js)      pool workers
//!  ─────────────────────────           ───────────────────────────────      ────────────
//!  "render with k threads"  ─message─▶ render_parallel(view, k) ──rayon──▶  k threads take
//!  draw rows, time, chart  ◀─message── iterations + row owners  ◀─────────  rows one by one
//! ```
//!
//! Two builds of this one crate (`scripts/lib/parallel.sh`):
//! - `threads` (default feature): nightly, `build-std`, atomics and shared memory; exports
//!   [`render_parallel`] and wasm-bindgen-rayon's `initThreadPool`. Needs cross-origin isolation.
//! - without `threads`: plain wasm32, exports [`render_band`] only. It is the fallback where
//!   shared memory is unavailable: separate Web Workers each render bands of rows and send them
//!   back with postMessage.
//!
//! Both run the same [`render_row`], so every mode gives the same iteration counts, pixel for
//! pixel, whatever the number of threads (the page and the tests compare them).

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use wasm_bindgen::prelude::*;

#[cfg(feature = "threads")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// The part of the complex plane to draw and how hard to look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub width: usize,
    pub height: usize,
    /// Iterations before a point counts as inside the set (the cost of a black pixel).
    pub max_iter: u32,
    /// Centre of the image.
    pub center_re: f64,
    pub center_im: f64,
    /// Width of the image in the complex plane.
    pub span_re: f64,
}

impl View {
    /// The whole set, centred a little left so the bulbs fit.
    pub fn whole_set(width: usize, height: usize, max_iter: u32) -> View {
        View { width, height, max_iter, center_re: -0.65, center_im: 0.0, span_re: 3.1 }
    }
}

/// Escape-time iteration counts of row `y`, one per pixel, into `out` (`view.width` long).
///
/// Plain f64 arithmetic in a fixed order, so the counts are the same on every thread and in
/// every build. Rows through the set are far costlier than rows above it, so splitting the
/// image into equal bands up front would leave some threads idle: threads take rows one at a
/// time instead.
pub fn render_row(view: &View, y: usize, out: &mut [u32]) {
    let step = view.span_re / view.width as f64;
    let top = view.center_im + step * view.height as f64 / 2.0;
    let left = view.center_re - view.span_re / 2.0;
    let c_im = top - (y as f64 + 0.5) * step;
    for (x, slot) in out.iter_mut().enumerate() {
        let c_re = left + (x as f64 + 0.5) * step;
        let (mut re, mut im) = (0.0f64, 0.0f64);
        let mut n = 0;
        while n < view.max_iter {
            let re2 = re * re;
            let im2 = im * im;
            if re2 + im2 > 4.0 {
                break;
            }
            im = 2.0 * re * im + c_im;
            re = re2 - im2 + c_re;
            n += 1;
        }
        *slot = n;
    }
}

/// Rows `y0..y1` of the image, row after row (`(y1 - y0) * width` counts).
pub fn render_rows(view: &View, y0: usize, y1: usize) -> Vec<u32> {
    let mut out = vec![0; (y1 - y0) * view.width];
    for (i, row) in out.chunks_mut(view.width).enumerate() {
        render_row(view, y0 + i, row);
    }
    out
}

/// A rendered image: the iteration counts and, for every row, the thread that computed it.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub iterations: Vec<u32>,
    /// The rayon thread index (0..pool size) that computed each row.
    pub row_thread: Vec<u8>,
}

impl Image {
    /// How many different threads computed rows.
    pub fn threads_used(&self) -> usize {
        let mut seen = [false; 256];
        self.row_thread.iter().for_each(|&t| seen[t as usize] = true);
        seen.iter().filter(|&&s| s).count()
    }
}

/// Renders the image with exactly `threads` threads of the current rayon pool.
///
/// wasm-bindgen-rayon builds one global pool (of `navigator.hardwareConcurrency` threads) and
/// that pool cannot be resized, so to measure 1, 2, … threads this starts `threads` tasks in a
/// [`rayon::scope`]; each waits at a [`StartGate`] until all of them have started (so they sit
/// on `threads` different pool threads), then they share the rows through one queue, a row at
/// a time. `threads` is capped at the pool's size.
pub fn render_with_threads(view: &View, threads: usize) -> Image {
    let threads = threads.clamp(1, rayon::current_num_threads());
    let mut iterations = vec![0u32; view.width * view.height];
    let mut row_thread = vec![0u8; view.height];
    {
        let rows = Mutex::new(iterations.chunks_mut(view.width).zip(row_thread.iter_mut()).enumerate());
        let gate = StartGate::new(threads);
        rayon::scope(|scope| {
            for _ in 0..threads {
                scope.spawn(|_| {
                    let me = rayon::current_thread_index().unwrap_or(0).min(255) as u8;
                    gate.arrive_and_wait();
                    loop {
                        // The lock is held only to take the next row, never while computing it.
                        let next = rows.lock().unwrap().next();
                        let Some((y, (row, owner))) = next else { break };
                        *owner = me;
                        render_row(view, y, row);
                    }
                });
            }
        });
    }
    Image { iterations, row_thread }
}

/// A barrier that gives up waiting after a second: the tasks of [`render_with_threads`] wait
/// here, asleep rather than spinning, until all have a thread of their own. The timeout is a
/// guard only: should a pool thread never come, the others go ahead and share the rows anyway.
struct StartGate {
    arrived: Mutex<usize>,
    all_here: Condvar,
    expected: usize,
}

impl StartGate {
    fn new(expected: usize) -> StartGate {
        StartGate { arrived: Mutex::new(0), all_here: Condvar::new(), expected }
    }

    fn arrive_and_wait(&self) {
        let mut arrived = self.arrived.lock().unwrap();
        *arrived += 1;
        if *arrived >= self.expected {
            self.all_here.notify_all();
            return;
        }
        // At most 100 waits of 10 ms. Not `wait_timeout_while`: it reads `Instant::now()`,
        // which panics on wasm32-unknown-unknown (there is no clock in std there).
        for _ in 0..100 {
            if *arrived >= self.expected {
                return;
            }
            arrived = self.all_here.wait_timeout(arrived, Duration::from_millis(10)).unwrap().0;
        }
    }
}

/// 32-bit FNV-1a over the iteration counts (little-endian bytes); the page computes the same in
/// JavaScript to compare runs.
pub fn checksum(iterations: &[u32]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for v in iterations {
        for b in v.to_le_bytes() {
            h ^= b as u32;
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

/// What [`render_parallel`] hands to JavaScript.
#[wasm_bindgen]
pub struct Rendered {
    image: Image,
}

#[wasm_bindgen]
impl Rendered {
    /// Iteration counts, row after row (copied out into a `Uint32Array`).
    pub fn iterations(&self) -> Vec<u32> {
        self.image.iterations.clone()
    }
    /// The pool thread that computed each row (a `Uint8Array`).
    #[wasm_bindgen(js_name = rowThread)]
    pub fn row_thread(&self) -> Vec<u8> {
        self.image.row_thread.clone()
    }
    #[wasm_bindgen(js_name = threadsUsed)]
    pub fn threads_used(&self) -> usize {
        self.image.threads_used()
    }
}

/// Renders the whole-set view with `threads` threads of the pool that `initThreadPool` started.
/// Call it from a Web Worker: the calling thread blocks until the rows are done.
#[cfg(feature = "threads")]
#[wasm_bindgen]
pub fn render_parallel(width: usize, height: usize, max_iter: u32, threads: usize) -> Rendered {
    let view = View::whole_set(width, height, max_iter);
    Rendered { image: render_with_threads(&view, threads) }
}

/// Rows `y0..y1` of the whole-set view on the calling thread: the message-passing fallback's
/// unit of work.
#[wasm_bindgen]
pub fn render_band(width: usize, height: usize, max_iter: u32, y0: usize, y1: usize) -> Vec<u32> {
    let view = View::whole_set(width, height, max_iter);
    render_rows(&view, y0.min(height), y1.min(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> View {
        View::whole_set(120, 80, 300)
    }

    #[test]
    fn every_thread_count_gives_the_single_thread_image() {
        let view = small();
        let one = render_rows(&view, 0, view.height);
        let pool = rayon::ThreadPoolBuilder::new().num_threads(4).build().unwrap();
        for threads in 1..=4 {
            let image = pool.install(|| render_with_threads(&view, threads));
            assert_eq!(image.iterations, one, "{threads} threads");
            // Which of them get rows is up to the OS (on 2 cores, 4 threads take turns).
            assert!((1..=threads).contains(&image.threads_used()), "{threads} threads");
        }
    }

    #[test]
    fn the_start_gate_gives_up_rather_than_hang() {
        // Two expected, one comes: it waits about a second, then goes ahead.
        StartGate::new(2).arrive_and_wait();
        // Thread counts beyond the pool are capped, so they never wait for a thread that is not there.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let image = pool.install(|| render_with_threads(&small(), 8));
        assert!(image.threads_used() <= 2);
    }

    #[test]
    fn bands_join_into_the_whole_image() {
        let view = small();
        let mut joined = render_rows(&view, 0, 30);
        joined.extend(render_rows(&view, 30, view.height));
        assert_eq!(joined, render_rows(&view, 0, view.height));
        assert_eq!(render_band(120, 80, 300, 30, 999), render_rows(&view, 30, 80));
    }

    #[test]
    fn the_set_is_black_and_the_outside_escapes() {
        let view = View { width: 1, height: 1, max_iter: 50, center_re: 0.0, center_im: 0.0, span_re: 0.01 };
        assert_eq!(render_rows(&view, 0, 1), vec![50]);
        let far = View { center_re: 3.0, ..view };
        assert_eq!(render_rows(&far, 0, 1), vec![1]);
    }

    #[test]
    fn checksum_is_fnv1a() {
        assert_eq!(checksum(&[]), 0x811c_9dc5);
        // FNV-1a of the four bytes 01 00 00 00.
        assert_eq!(checksum(&[1]), 0xfb69_b604);
    }
}
