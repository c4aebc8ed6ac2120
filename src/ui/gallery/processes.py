#| slug: processes
#| title: Processes: true parallelism
#| guide: 7. Process & Multiprocessing
#| knob: USE = | Run the work in | choice "processes" "threads"
#| knob: WORKERS = | Workers | int 1..4
#|
#| A process is a completely separate worker: another cook in another kitchen,
#| with its own memory and its own GIL. Processes run on different CPU cores at
#| the same time, so CPU-heavy work really is done in parallel: four workers take
#| as long as one. Switch to threads and the same work takes turns on one GIL
#| instead. The price: processes are slower to start, and they share nothing.
import time
from multiprocessing import Process
from threading import Thread

USE = "processes"
WORKERS = 2


def cook(name):
    total = 0
    for i in range(100_000):  # CPU-bound: heavy calculation
        total += i
    print(f"{name} done")


if __name__ == "__main__":
    start = time.perf_counter()
    kind = Process if USE == "processes" else Thread
    workers = [kind(target=cook, args=(f"Cook {i}",)) for i in range(1, WORKERS + 1)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(f"{WORKERS} {USE} took {time.perf_counter() - start:.2f}s")
