#| slug: primes
#| title: Counting primes in chunks: a process pool
#| guide: 7. Process & Multiprocessing
#| knob: Pool( | Pool workers | int 1..8
#| knob: CHUNKS = | Chunks | int 1..16
#|
#| Counting primes is pure thinking, so threads would take turns on one GIL.
#| A `Pool` of processes splits the job instead: `pool.map` cuts the numbers into
#| chunks, hands each chunk to a free worker process and collects the counts in
#| order. More workers, less time, until you run out of cores or of chunks.
#| Here the cores are simulated. Turn on "Real cores" under the timeline and each
#| worker process runs again in a real Web Worker, on your machine's cores: the
#| panel shows the milliseconds each one really took beside its simulated span,
#| and "Measure speedup" times the same work on 1, 2, … workers.
import time
from multiprocessing import Pool

CHUNKS = 8
LIMIT = 40_000


def count_primes(bounds):
    start, stop = bounds
    count = 0
    for n in range(max(start, 2), stop):
        d = 2
        while d * d <= n:
            if n % d == 0:
                break
            d += 1
        else:
            count += 1
    return count


if __name__ == "__main__":
    size = LIMIT // CHUNKS
    chunks = [(i * size, (i + 1) * size) for i in range(CHUNKS)]
    chunks[-1] = (chunks[-1][0], LIMIT)
    start = time.perf_counter()
    with Pool(4) as pool:
        counts = pool.map(count_primes, chunks)
    print(f"{sum(counts)} primes below {LIMIT}, in {CHUNKS} chunks")
    print(f"took {time.perf_counter() - start:.2f}s")
