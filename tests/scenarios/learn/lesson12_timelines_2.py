import asyncio


async def task(name, seconds):
    print(f"Task {name} starts")
    await asyncio.sleep(seconds)
    print(f"Task {name} done")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(task("A", 2), task("B", 3))
    print(f"Total: {loop.time() - start:.0f}s")


asyncio.run(main())
