# asyncio.run in several threads at once: each thread runs its own event loop, and
# each loop's selector suspends only its own thread.
import asyncio
import threading

async def work(n):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1 * (n + 1))
    print("work", n, threading.current_thread().name, loop.is_running())
    return n * 10

def runner(n, results):
    results[n] = asyncio.run(work(n))

results = {}
threads = [threading.Thread(target=runner, args=(i, results), name=f"loop-{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("results", sorted(results.items()))
