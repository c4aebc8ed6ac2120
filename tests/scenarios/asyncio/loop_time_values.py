import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(loop.time())
    for _ in range(3):
        await asyncio.sleep(0.1)
        print(loop.time())
    await asyncio.sleep(0.7)
    print(loop.time())
    print(f"{loop.time():.3f}")
    await asyncio.sleep(1e-3)
    print(round(loop.time(), 4))


asyncio.run(main())
