import asyncio


async def small_steps(loop):
    for _ in range(10):
        await asyncio.sleep(0.1)
    print(f"small steps done at {loop.time()!r}")


async def one_step(loop):
    await asyncio.sleep(1.0)
    print(f"one step done at {loop.time()!r}")


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(small_steps(loop), one_step(loop))
    print("clock", loop.time())


asyncio.run(main())
