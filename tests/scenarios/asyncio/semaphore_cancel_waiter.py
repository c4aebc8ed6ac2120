import asyncio


async def worker(sem, name, hold):
    try:
        async with sem:
            print(f"{name} acquired")
            await asyncio.sleep(hold)
            print(f"{name} releasing")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    sem = asyncio.Semaphore(1)
    tasks = [asyncio.create_task(worker(sem, n, 1)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0.5)
    tasks[1].cancel()
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("locked at end:", sem.locked())


asyncio.run(main())
