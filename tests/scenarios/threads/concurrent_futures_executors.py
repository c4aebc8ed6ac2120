# concurrent.futures: ThreadPoolExecutor (worker names, as_completed order, map) and
# ProcessPoolExecutor (map, submit, wait).
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed, wait
import concurrent.futures
import threading, time

def fetch(n):
    time.sleep(0.1 * n)
    return n * n, threading.current_thread().name

def square(x):
    return x * x

if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=3) as ex:
        futures = [ex.submit(fetch, n) for n in [3, 1, 2]]
        for f in as_completed(futures):
            print("done", f.result())
        print(list(ex.map(square, range(5))))
    with concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="io") as ex:
        print(sorted(set(r[1] for r in ex.map(fetch, [1, 1, 1]))))
    with ProcessPoolExecutor(max_workers=2) as pex:
        print(list(pex.map(square, range(6))))
        f = pex.submit(square, 12)
        done, pending = wait([f])
        print(len(done), len(pending), f.result())
