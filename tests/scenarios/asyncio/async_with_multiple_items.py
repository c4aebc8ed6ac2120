import asyncio


async def worker(name, lock, sem):
    async with sem, lock:
        print(f"{name} holds semaphore and lock")
        await asyncio.sleep(1)
    print(f"{name} released both")


async def main():
    lock = asyncio.Lock()
    sem = asyncio.Semaphore(2)
    await asyncio.gather(worker("a", lock, sem), worker("b", lock, sem), worker("c", lock, sem))
    cond = asyncio.Condition()
    async with cond as value:
        print("async with on a Condition gives", value, "locked:", cond.locked())
    async with asyncio.Lock() as nothing:
        print("async with Lock gives", nothing)


asyncio.run(main())
