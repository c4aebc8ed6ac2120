import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    print(f"{name} finished")


async def main():
    await asyncio.gather(worker("A", 3), worker("B", 2), worker("C", 1))
    print("all done")


asyncio.run(main())
