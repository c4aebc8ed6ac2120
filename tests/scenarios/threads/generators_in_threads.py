# Generators resumed by threads: a generator body that sleeps or takes a lock blocks its
# thread in place (other threads run meanwhile), and a shared generator guarded by a
# lock hands each item to exactly one thread.
import threading, time

def ticks(name, n, delay):
    for i in range(n):
        time.sleep(delay)
        yield f"{name}{i}"

log = []
log_lock = threading.Lock()

def consume(name, delay):
    for t in ticks(name, 3, delay):
        with log_lock:
            log.append(t)

threads = [threading.Thread(target=consume, args=(n, d)) for n, d in [("a", 0.1), ("b", 0.25)]]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(log)

def numbers():
    for i in range(20):
        yield i
shared = numbers()
shared_lock = threading.Lock()
taken = {}

def take(name):
    got = []
    while True:
        with shared_lock:
            item = next(shared, None)
        if item is None:
            break
        got.append(item)
        time.sleep(0.01)
    taken[name] = got

workers = [threading.Thread(target=take, args=(f"w{i}",)) for i in range(3)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(sorted(x for got in taken.values() for x in got) == list(range(20)))
print(sum(len(g) for g in taken.values()))
