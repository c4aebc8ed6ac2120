import asyncio


async def worker(sem, name):
    try:
        await sem.acquire()
    except asyncio.CancelledError:
        print(f"{name} cancelled after being woken")
        raise
    try:
        print(f"{name} got a permit")
        await asyncio.sleep(1)
    finally:
        sem.release()


async def main():
    sem = asyncio.Semaphore(0)
    w1 = asyncio.create_task(worker(sem, "w1"))
    w2 = asyncio.create_task(worker(sem, "w2"))
    await asyncio.sleep(0.5)
    print("locked:", sem.locked())
    sem.release()
    w1.cancel()
    await asyncio.gather(w1, w2, return_exceptions=True)
    print("locked after:", sem.locked())


asyncio.run(main())
