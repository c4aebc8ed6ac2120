# Benchmark: 8 processes, each running ~1,000,000 bytecode instructions
# (a 7-instruction loop body, 142,857 times), on the default 4 cores.
from multiprocessing import Process, Queue

PROCESSES = 8
ITERATIONS = 142_857


def spin(q):
    total = 0
    for i in range(ITERATIONS):
        total += i
    q.put(total)


if __name__ == "__main__":
    q = Queue()
    procs = [Process(target=spin, args=(q,)) for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    totals = [q.get() for _ in procs]
    for p in procs:
        p.join()
    print(f"processes={PROCESSES} total={sum(totals)}")
