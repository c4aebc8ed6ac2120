# Threads do I/O-like waits; results are printed in join order.
import threading
import time

results = {}

def fetch(name, delay):
    time.sleep(delay)
    results[name] = delay * 10

threads = [threading.Thread(target=fetch, args=(n, d)) for n, d in [("a", 0.03), ("b", 0.01), ("c", 0.02)]]
for t in threads:
    t.start()
for t in threads:
    t.join()
    print(t.name, "joined")
print(sorted(results.items()))
