import asyncio


async def napper():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        await asyncio.sleep(10, result="never")
    except asyncio.CancelledError:
        print(f"woken by cancel after {loop.time() - start:.2f}s")
        raise


async def main():
    t = asyncio.create_task(napper())
    await asyncio.sleep(2.75)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("sleep returns its result:", await asyncio.sleep(0.5, result="value"))
    print("negative sleep is sleep(0):", await asyncio.sleep(-1, result="neg"))


asyncio.run(main())
