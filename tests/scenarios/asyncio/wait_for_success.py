import asyncio


async def quick(x):
    await asyncio.sleep(1)
    return x * 2


async def main():
    print(await asyncio.wait_for(quick(21), timeout=3))
    print(await asyncio.wait_for(quick(5), timeout=None))
    t = asyncio.create_task(quick(7))
    print(await asyncio.wait_for(t, 10))
    print("task done:", t.done())


asyncio.run(main())
