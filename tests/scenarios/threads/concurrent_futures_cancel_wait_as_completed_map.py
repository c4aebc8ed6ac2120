import time
import threading
from concurrent.futures import (ThreadPoolExecutor, as_completed, wait,
                                FIRST_COMPLETED, ALL_COMPLETED, TimeoutError, CancelledError)

def shape(f):
    r = repr(f)
    return r.split(' at ')[0] + ' ' + r.split(' state=')[1]

def slow(x, delay):
    time.sleep(delay)
    if x < 0:
        raise ValueError(x)
    return x * 10

with ThreadPoolExecutor(max_workers=1) as ex:
    a = ex.submit(slow, 1, 0.2)
    b = ex.submit(slow, 2, 0.2)
    print(shape(b))
    print('cancel queued:', b.cancel(), b.cancelled(), shape(b))
    time.sleep(0.05)
    print(shape(a), a.running())
    print('cancel running:', a.cancel())
    print(a.result(), shape(a))
    c = ex.submit(slow, -1, 0)
    print(repr(c.exception()), shape(c))
    try:
        b.result()
    except CancelledError:
        print('b was cancelled')

ex = ThreadPoolExecutor(max_workers=3)
fs = [ex.submit(slow, i, d) for i, d in [(1, 0.3), (2, 0.1), (3, 0.2)]]
print([f.result() for f in as_completed(fs)])
fs = [ex.submit(slow, i, d) for i, d in [(1, 0.5), (2, 0.1)]]
try:
    for f in as_completed(fs, timeout=0.3):
        print('completed', f.result())
except TimeoutError as e:
    print('TimeoutError', e)
done, not_done = wait([ex.submit(slow, 5, 0.1), ex.submit(slow, 6, 1)], return_when=FIRST_COMPLETED)
print(sorted(f.result() for f in done), len(not_done))
r = wait([ex.submit(slow, 7, 0.1)], timeout=2)
print(len(r.done), len(r.not_done))
it = ex.map(slow, [1, 2, 3], [0.1, 0.1, 1.0], timeout=0.5)
print(type(it).__name__ != 'list')
print(next(it), next(it))
try:
    next(it)
except TimeoutError:
    print('map timed out')
ex.shutdown(wait=True)
try:
    ex.submit(slow, 1, 0)
except RuntimeError as e:
    print(e)

ex = ThreadPoolExecutor(max_workers=1)
fs = [ex.submit(slow, i, 0.1) for i in range(4)]
ex.shutdown(wait=True, cancel_futures=True)
print([f.cancelled() for f in fs])
print('end')
