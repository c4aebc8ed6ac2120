import asyncio


async def brew(item, seconds):
    print(f"start {item}")
    await asyncio.sleep(seconds)
    print(f"{item} ready")
    return item


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await brew("tea", 3)
    await brew("toast", 2)
    print(f"sequential took {loop.time() - start:.1f}s")
    start = loop.time()
    t1 = asyncio.create_task(brew("tea", 3))
    t2 = asyncio.create_task(brew("toast", 2))
    await t1
    await t2
    print(f"concurrent took {loop.time() - start:.1f}s")


asyncio.run(main())
