# Event, Semaphore, Barrier and JoinableQueue across processes, in an order CPython
# fixes (each step waits for the one before).
import multiprocessing
import time


def waiter(ev, sem, q):
    ev.wait()
    with sem:
        q.put("waiter done")


def party(barrier, q, i):
    n = barrier.wait()
    q.put(i)


def consumer(jq):
    while True:
        item = jq.get()
        if item is None:
            jq.task_done()
            break
        print("consumed", item)
        jq.task_done()


if __name__ == "__main__":
    ev = multiprocessing.Event()
    sem = multiprocessing.Semaphore(1)
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=waiter, args=(ev, sem, q))
    p.start()
    time.sleep(0.2)
    print("set?", ev.is_set(), q.empty())
    ev.set()
    print(q.get(), sem.get_value(), sem)
    p.join()

    barrier = multiprocessing.Barrier(3)
    ps = [multiprocessing.Process(target=party, args=(barrier, q, i)) for i in range(3)]
    for x in ps:
        x.start()
    print(sorted(q.get() for _ in range(3)), barrier.parties)
    for x in ps:
        x.join()

    jq = multiprocessing.JoinableQueue()
    c = multiprocessing.Process(target=consumer, args=(jq,))
    c.start()
    for item in ["a", "b", None]:
        jq.put(item)
    jq.join()
    print("all consumed")
    c.join()
    try:
        jq.task_done()
    except ValueError as e:
        print("ValueError:", e)
    sq = multiprocessing.SimpleQueue()
    sq.put([1])
    print(sq.get(), sq.empty())
