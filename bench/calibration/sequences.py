import threading  # the CPU cost model applies to programs that use threads
import time
# Built-ins that copy, repeat, slice or fill: one call (or operator), work per element.
t = time.perf_counter()
total = 0
text = "abcdefghij" * 2000
for k in range(1000):
    nums = list(range(5000))
    keys = dict.fromkeys(nums, 0)
    copy = dict(keys)
    half = nums[1000:3500] + nums[::2]
    half.extend(nums[:1000])
    row = [0] * 5000
    both = tuple(half) + tuple(row)
    line = text[k:k + 15000] * 2
    total += len(copy) + len(both) + nums.index(4000) + len(line.upper()) + line.count("a")
print(total, round(time.perf_counter() - t, 3))
