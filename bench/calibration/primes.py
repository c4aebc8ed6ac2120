import threading  # the CPU cost model applies to programs that use threads
import time
def count_primes(start, stop):
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
t = time.perf_counter()
c = count_primes(0, 200000)
print(c, round(time.perf_counter() - t, 3))
