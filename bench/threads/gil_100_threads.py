# Benchmark: 100 threads, each running ~100,000 bytecode instructions under the GIL
# (a 7-instruction loop body, 14,286 times).
import threading

THREADS = 100
ITERATIONS = 14_286


def spin(results, index):
    total = 0
    for i in range(ITERATIONS):
        total += i
    results[index] = total


results = [0] * THREADS
threads = [threading.Thread(target=spin, args=(results, n)) for n in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"threads={THREADS} total={sum(results)}")
