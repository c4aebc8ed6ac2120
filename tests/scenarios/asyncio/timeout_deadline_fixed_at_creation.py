import asyncio


async def main():
    loop = asyncio.get_running_loop()
    cm = asyncio.timeout(2)
    print("deadline:", cm.when())
    await asyncio.sleep(1.5)
    try:
        async with cm:
            print("entered at", loop.time())
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print("timed out at", loop.time())

    late = asyncio.timeout(1)
    await asyncio.sleep(2)
    try:
        async with late:
            print("entered after the deadline already passed")
            await asyncio.sleep(0)
            print("not reached either")
    except TimeoutError:
        print("expired immediately at", loop.time())


asyncio.run(main())
