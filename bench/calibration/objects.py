import threading  # the CPU cost model applies to programs that use threads
import time
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
class P:
    def __init__(self, x):
        self.x = x
    def get(self):
        return self.x
t = time.perf_counter()
# The same work 9 times over (0.5 to 1 s of CPython), on data of the same size.
for rep in range(9):
    fib(22)
    s = 0
    for i in range(100000):
        s += P(i).get()
    d = {}
    for i in range(100000):
        d[i % 100] = d.get(i % 100, 0) + i
    l = [str(i) for i in range(50000)]
print(s, len(l), round(time.perf_counter() - t, 3))
