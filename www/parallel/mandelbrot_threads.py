# The parallel demo's job in Python: rows of a Mandelbrot image, shared among threads.
# Threads take turns holding the GIL, so 2 threads take as long as 1 on this CPU-bound job.
import threading
import time

WIDTH, HEIGHT, MAX_ITER = 32, 16, 40


def row(y):
    """The sum of the escape-time iteration counts of row y."""
    total = 0
    c_im = 1.2 - 2.4 * (y + 0.5) / HEIGHT
    for x in range(WIDTH):
        c_re = -2.2 + 3.1 * (x + 0.5) / WIDTH
        re = im = 0.0
        n = 0
        while n < MAX_ITER and re * re + im * im <= 4.0:
            re, im = re * re - im * im + c_re, 2.0 * re * im + c_im
            n += 1
        total += n
    return total


def worker(rows, results):
    for y in rows:
        results[y] = row(y)


def render(threads):
    results = [0] * HEIGHT
    start = time.perf_counter()
    workers = [
        threading.Thread(target=worker, args=(range(t, HEIGHT, threads), results))
        for t in range(threads)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start, sum(results)


one, check_one = render(1)
two, check_two = render(2)
print(f"1 thread:  {one:.3f} s, checksum {check_one}")
print(f"2 threads: {two:.3f} s, checksum {check_two}")
print(f"speedup with 2 threads: {one / two:.2f}x")
