import threading
import time
# Two CPU-bound threads sharing the GIL: the total is the sum of their work.
def work(n, out, k):
    s = 0
    for i in range(n):
        s += i * i % 7
    out[k] = s
t = time.perf_counter()
out = [0, 0]
ts = [threading.Thread(target=work, args=(2400000, out, k)) for k in range(2)]
for th in ts:
    th.start()
for th in ts:
    th.join()
print(out, round(time.perf_counter() - t, 3))
