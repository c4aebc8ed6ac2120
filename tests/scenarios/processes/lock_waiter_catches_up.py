# A multiprocessing.Lock held for 0.5 s by each child in turn: a child that waited
# cannot go on before the moment the lock was released, so the times add up.
import multiprocessing as mp
import time


def halves(seconds):
    # to the nearest half second: real processes add a few milliseconds here and there
    return round(seconds * 2) / 2


def hold(lock, name, t0):
    with lock:
        print(name, "got the lock at", halves(time.monotonic() - t0))
        time.sleep(0.5)


if __name__ == "__main__":
    lock = mp.Lock()
    t0 = time.monotonic()
    ps = [mp.Process(target=hold, args=(lock, f"p{i}", t0)) for i in range(3)]
    for p in ps:
        p.start()
        time.sleep(0.1)
    for p in ps:
        p.join()
    print("total", halves(time.monotonic() - t0), lock)
    r = mp.RLock()
    with r:
        with r:
            print(r)
    print(r, lock.acquire(), lock, lock.acquire(timeout=0.1))
    lock.release()
