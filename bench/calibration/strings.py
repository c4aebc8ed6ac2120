import threading  # the CPU cost model applies to programs that use threads
import time
# String building: f-strings, str methods, join, split.
t = time.perf_counter()
# The same work 20 times over (0.5 to 1 s of CPython), on data of the same size.
for rep in range(20):
    total = 0
    for i in range(30000):
        s = f"item-{i}:{i * 3}"
        parts = s.split(":")
        total += len(parts[0].upper()) + len("-".join(parts))
    words = " ".join(str(i) for i in range(20000)).split()
print(total, len(words), round(time.perf_counter() - t, 3))
