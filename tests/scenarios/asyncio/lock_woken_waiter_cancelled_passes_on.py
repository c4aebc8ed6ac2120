import asyncio


async def waiter(name, lock):
    try:
        async with lock:
            print(f"{name} got the lock")
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"{name} cancelled after being woken")
        raise


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w1 = asyncio.create_task(waiter("w1", lock))
    w2 = asyncio.create_task(waiter("w2", lock))
    await asyncio.sleep(0.5)
    lock.release()          # wakes w1 (its future gets a result)...
    w1.cancel()             # ...but w1 is cancelled before it runs
    print("released and cancelled w1; locked:", lock.locked())
    await asyncio.gather(w1, w2, return_exceptions=True)
    print("w2 done:", w2.done(), "w1 cancelled:", w1.cancelled())


asyncio.run(main())
