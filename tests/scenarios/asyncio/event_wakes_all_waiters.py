import asyncio


async def waiter(event, name):
    print(f"{name} waiting")
    result = await event.wait()
    print(f"{name} woke up, wait() returned {result}")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    print("is_set before:", event.is_set())
    event.set()
    print("is_set after:", event.is_set())
    await asyncio.gather(*tasks)
    print("already set, wait returns immediately:", await event.wait())


asyncio.run(main())
