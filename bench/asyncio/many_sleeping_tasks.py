# Benchmark: 10,000 tasks, each doing 10 `await asyncio.sleep(...)`.
import asyncio

TASKS = 10_000
SLEEPS = 10


async def sleeper(i):
    delay = (i % 7 + 1) * 0.01
    total = 0
    for _ in range(SLEEPS):
        await asyncio.sleep(delay)
        total += 1
    return total


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(*(sleeper(i) for i in range(TASKS)))
    print(f"tasks={len(results)} sleeps={sum(results)} clock={loop.time():.3f}")


asyncio.run(main())
