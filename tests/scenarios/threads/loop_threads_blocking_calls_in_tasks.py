# Blocking calls (time.sleep, a threading.Lock) inside coroutines of event loops that
# run in two threads: each call blocks its own thread and loop, and the other thread
# and the main thread go on meanwhile.
import asyncio
import threading
import time

lock = threading.Lock()
done = []

async def blocky(n):
    time.sleep(0.1)
    await asyncio.sleep(0.05)
    with lock:
        time.sleep(0.1)
        done.append(n)
    return n

def runner(n):
    asyncio.run(blocky(n))

ts = [threading.Thread(target=runner, args=(i,)) for i in range(2)]
start = time.monotonic()
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done", sorted(done))
print("took about", round(time.monotonic() - start, 1), "s")
