import threading

# Three workers but a barrier for two: the third waits for a partner that never comes.
barrier = threading.Barrier(2)

def worker(name):
    barrier.wait()
    print(name, "passed")

threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b", "c")]
for t in threads:
    t.start()
for t in threads:
    t.join()
