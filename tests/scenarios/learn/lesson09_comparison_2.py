import asyncio


async def download(n):
    await asyncio.sleep(1)
    print(f"file {n} downloaded")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(*(download(n) for n in range(1, 5)))
    print(f"took {loop.time() - start:.1f}s")


asyncio.run(main())
