# Benchmark: 1,000 tasks each taking one shared asyncio.Lock 100 times,
# yielding inside the critical section so that they contend.
import asyncio

TASKS = 1_000
ROUNDS = 100

counter = 0


async def worker(lock):
    global counter
    for _ in range(ROUNDS):
        async with lock:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(worker(lock) for _ in range(TASKS)))
    print(f"tasks={TASKS} rounds={ROUNDS} counter={counter} locked={lock.locked()}")


asyncio.run(main())
