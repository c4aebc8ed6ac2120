import asyncio


async def waiter(cond, name):
    async with cond:
        await cond.wait()
        print(f"{name} notified")


async def main():
    cond = asyncio.Condition()
    tasks = [asyncio.create_task(waiter(cond, f"w{i}")) for i in range(5)]
    await asyncio.sleep(1)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(1)
    print("two woke; notifying the rest")
    async with cond:
        cond.notify(10)
    await asyncio.gather(*tasks)


asyncio.run(main())
