import asyncio


async def wait_forever(name, waitable):
    try:
        await waitable
    except asyncio.CancelledError:
        print(f"{name} cancelled at shutdown")
        raise


async def main():
    event = asyncio.Event()
    lock = asyncio.Lock()
    await lock.acquire()
    q = asyncio.Queue()
    asyncio.create_task(wait_forever("event waiter", event.wait()))
    asyncio.create_task(wait_forever("lock waiter", lock.acquire()))
    asyncio.create_task(wait_forever("queue getter", q.get()))
    await asyncio.sleep(1)
    print("main returns while three tasks wait forever: not a deadlock")


asyncio.run(main())
