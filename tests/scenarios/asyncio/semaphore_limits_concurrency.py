import asyncio

running = 0
peak = 0


async def worker(sem, i):
    global running, peak
    async with sem:
        running += 1
        peak = max(peak, running)
        print(f"worker {i} in (running={running})")
        await asyncio.sleep(1 + i % 2)
        running -= 1
        print(f"worker {i} out")


async def main():
    sem = asyncio.Semaphore(3)
    await asyncio.gather(*(worker(sem, i) for i in range(7)))
    print("peak concurrency:", peak)


asyncio.run(main())
