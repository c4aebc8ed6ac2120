import threading  # the CPU cost model applies to programs that use threads
import time
# Lists, tuples, dicts and sets: building, indexing, unpacking, membership.
t = time.perf_counter()
# The same work 15 times over (0.5 to 1 s of CPython), on data of the same size.
for rep in range(15):
    counts = {}
    seen = set()
    pairs = []
    for i in range(60000):
        key = i % 97
        counts[key] = counts.get(key, 0) + 1
        if i % 7 not in seen:
            seen.add(i % 7)
        pairs.append((i, key))
    acc = 0
    for a, b in pairs:
        acc += a - b
    grid = [[r * c for c in range(50)] for r in range(200)]
    acc += sum(row[10] for row in grid)
print(len(counts), len(seen), acc, round(time.perf_counter() - t, 3))
