# Subclasses of threading's and queue's classes: Thread.run overridden, a queue.Queue
# variant built as CPython builds LifoQueue (overriding _init/_qsize/_put/_get), and
# overrides of Event, Semaphore and Condition calling super().
import queue
import threading


class Worker(threading.Thread):
    def __init__(self, n, results):
        super().__init__(name=f"worker-{n}")
        self.n = n
        self.results = results

    def run(self):
        self.results.put((self.n, self.name))


class StackQueue(queue.Queue):
    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class LoudEvent(threading.Event):
    def set(self):
        print("event set by", threading.current_thread().name)
        super().set()


class CountingSemaphore(threading.Semaphore):
    def __init__(self, value):
        super().__init__(value)
        self.acquired = 0

    def acquire(self, *args, **kwargs):
        self.acquired += 1
        return super().acquire(*args, **kwargs)


results = StackQueue()
workers = [Worker(i, results) for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(results.get() for _ in range(3)), results.empty(), isinstance(results, queue.Queue))

q = StackQueue()
for i in range(3):
    q.put(i)
print([q.get() for _ in range(3)], q.qsize())

e = LoudEvent()
t = threading.Thread(target=e.set, name="setter")
t.start()
print("waited", e.wait(), e.is_set())
t.join()

sem = CountingSemaphore(2)
with sem:
    with sem:
        print("acquired", sem.acquired)
print(sem.acquire(blocking=False), sem.acquired)

try:
    class MyLock(threading.Lock):
        pass
except TypeError as exc:
    print("TypeError:", exc)
