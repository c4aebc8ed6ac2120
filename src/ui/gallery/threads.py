#| slug: threads
#| title: Threads and the GIL: I/O-bound vs CPU-bound
#| guide: 6. Threading: Python GIL (Global Interpreter Lock)
#| knob: WORK = | Work | choice "io" "cpu"
#| knob: THREADS = | Threads | int 1..4
#|
#| A thread is an extra pair of hands of the same cook: same memory, same kitchen.
#| But Python lets only one thread think at a time: to run Python, a thread must
#| hold the GIL. Waiting (`time.sleep`, files, the network) lets go of it, so
#| I/O-bound threads wait at the same time and finish together. CPU-bound threads
#| take turns holding the GIL (the pink bars are threads waiting for it), so three
#| of them take three times as long. Switch the work to "cpu" and watch.
import threading
import time

WORK = "io"
THREADS = 3


def io_bound():
    time.sleep(1)  # waiting: the GIL is free meanwhile


def cpu_bound():
    total = 0
    for i in range(300_000):  # thinking: needs the GIL
        total += i


def worker(name):
    start = time.perf_counter()
    io_bound() if WORK == "io" else cpu_bound()
    print(f"{name} finished after {time.perf_counter() - start:.2f}s")


start = time.perf_counter()
threads = [threading.Thread(target=worker, args=(f"Thread {i}",)) for i in range(1, THREADS + 1)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{THREADS} {WORK}-bound threads took {time.perf_counter() - start:.2f}s")
