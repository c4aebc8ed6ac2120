import asyncio


async def main():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await cond.wait()
    except RuntimeError as e:
        print("RuntimeError:", e)
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    async with shared:
        print("condition uses the given lock:", lock.locked())
    print("after:", lock.locked())


asyncio.run(main())
