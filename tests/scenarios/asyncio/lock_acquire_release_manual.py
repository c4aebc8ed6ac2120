import asyncio


async def main():
    lock = asyncio.Lock()
    print("acquire returns", await lock.acquire())
    print("locked:", lock.locked())
    lock.release()
    print("locked after release:", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

    async def holder():
        await lock.acquire()
        try:
            print("holder has it")
            await asyncio.sleep(1)
        finally:
            lock.release()
            print("holder released")

    async def waiter():
        await asyncio.sleep(0.1)
        print("waiter trying")
        await lock.acquire()
        print("waiter acquired")
        lock.release()

    await asyncio.gather(holder(), waiter())


asyncio.run(main())
