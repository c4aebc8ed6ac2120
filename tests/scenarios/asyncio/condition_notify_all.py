import asyncio


async def waiter(cond, name):
    async with cond:
        print(f"{name} waiting")
        r = await cond.wait()
        print(f"{name} woke (wait returned {r}), holds lock: {cond.locked()}")
        await asyncio.sleep(0.5)
        print(f"{name} releasing")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    async with cond:
        print("notify_all")
        cond.notify_all()
        await asyncio.sleep(1)
        print("notifier releases the lock")
    await asyncio.gather(*tasks)


asyncio.run(main())
