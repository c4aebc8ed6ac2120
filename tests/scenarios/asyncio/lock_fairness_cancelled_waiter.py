import asyncio


async def user(name, lock, hold):
    print(f"{name} wants the lock")
    try:
        async with lock:
            print(f"{name} acquired")
            await asyncio.sleep(hold)
            print(f"{name} releasing")
    except asyncio.CancelledError:
        print(f"{name} cancelled while waiting")
        raise


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(user("A", lock, 2))
    await asyncio.sleep(0.1)
    b = asyncio.create_task(user("B", lock, 1))
    await asyncio.sleep(0.1)
    c = asyncio.create_task(user("C", lock, 1))
    await asyncio.sleep(0.1)
    d = asyncio.create_task(user("D", lock, 1))
    await asyncio.sleep(0.1)
    b.cancel()
    await asyncio.gather(a, b, c, d, return_exceptions=True)
    print("B cancelled:", b.cancelled())


asyncio.run(main())
