import asyncio


async def runner(name, start, delay):
    print(f"{name} ready")
    await start.wait()
    print(f"{name} go")
    await asyncio.sleep(delay)
    print(f"{name} finished")
    return name


async def main():
    start = asyncio.Event()
    tasks = [asyncio.create_task(runner(f"r{i}", start, 3 - i)) for i in range(3)]
    await asyncio.sleep(2)
    print("starting the race")
    start.set()
    finish = []
    for coro in asyncio.as_completed(tasks):
        finish.append(await coro)
    print("finish order:", finish)


asyncio.run(main())
