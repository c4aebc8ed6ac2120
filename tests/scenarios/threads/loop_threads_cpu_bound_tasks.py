# CPU-bound task steps in event loops of two threads while the main thread computes:
# each thread keeps its own loop while the GIL passes between them.
import asyncio, threading

async def crunch(n):
    total = 0
    for i in range(200000):
        total += i % 7
    await asyncio.sleep(0.01)
    for i in range(100000):
        total += i % 3
    return n, total

results = []

def runner(n):
    results.append(asyncio.run(crunch(n)))

ts = [threading.Thread(target=runner, args=(i,)) for i in range(2)]
for t in ts: t.start()
total = 0
for i in range(300000):
    total += i
for t in ts: t.join()
print("main", total)
print(sorted(results))
