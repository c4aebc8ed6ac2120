import asyncio


async def waiter(lock):
    async with lock:
        print("waiter acquired (it was first in line)")


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(waiter(lock))
    await asyncio.sleep(0)
    lock.release()
    print("released; locked() is", lock.locked())
    print("main tries to re-acquire immediately")
    await lock.acquire()
    print("main acquired after the waiter")
    lock.release()
    await w


asyncio.run(main())
