import threading  # the CPU cost model applies to programs that use threads
import time
import random
# Built-ins whose work grows with their input: one call, many elements.
random.seed(7)
nums = [random.randrange(1_000_000) for _ in range(20000)]
t = time.perf_counter()
total = 0
for k in range(100):
    ordered = sorted(nums)
    total += sum(ordered) + max(nums) - min(nums)
    words = " ".join([str(n) for n in ordered[:5000]])
    parts = words.split()
    total += len(words.replace("1", "one")) + len(",".join(parts))
print(total, round(time.perf_counter() - t, 3))
