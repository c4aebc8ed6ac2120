# Pool: apply, apply_async with callbacks, map_async, imap, imap_unordered, starmap,
# AsyncResult.ready/successful/get(timeout), and errors carried back to the caller.
import multiprocessing
import time
from multiprocessing.pool import ThreadPool


def square(x):
    return x * x


def add(a, b):
    return a + b


def slow(x):
    time.sleep(2)
    return x


def boom(x):
    raise ValueError("bad %d" % x)


if __name__ == "__main__":
    got = []
    with multiprocessing.Pool(2) as pool:
        print(pool.apply(add, (1, 2)), pool.apply(add, kwds={"a": 3, "b": 4}))
        r = pool.apply_async(square, (7,), callback=got.append)
        print(r.get(), got)
        m = pool.map_async(square, range(6), callback=got.append)
        m.wait()
        print(m.ready(), m.successful(), m.get(), got[-1])
        print(list(pool.imap(square, range(5))), sorted(pool.imap_unordered(square, range(5), chunksize=2)))
        print(pool.starmap(add, [(1, 1), (2, 3)]), pool.starmap_async(add, [(0, 9)]).get())
        s = pool.apply_async(slow, (1,))
        try:
            s.get(timeout=0.5)
        except multiprocessing.TimeoutError:
            print("TimeoutError", s.ready())
        try:
            s.successful()
        except ValueError:
            print("not ready")
        print(s.get(timeout=5))
        errors = []
        e = pool.apply_async(boom, (3,), error_callback=errors.append)
        try:
            e.get()
        except ValueError as exc:
            print("ValueError:", exc, e.successful(), errors)
        try:
            pool.map(boom, [4])
        except ValueError as exc:
            print("map ValueError:", exc)
    with ThreadPool(3) as tp:
        print(tp.map(lambda x: x + 1, [1, 2, 3]))
