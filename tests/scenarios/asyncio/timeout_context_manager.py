import asyncio


async def main():
    try:
        async with asyncio.timeout(1.5) as cm:
            print("sleeping 5")
            await asyncio.sleep(5)
            print("not reached")
    except TimeoutError:
        print("timed out; expired:", cm.expired())

    async with asyncio.timeout(3) as cm2:
        await asyncio.sleep(1)
        print("finished in time")
    print("expired:", cm2.expired())

    async with asyncio.timeout(None) as cm3:
        await asyncio.sleep(2)
    print("no deadline:", cm3.when())


asyncio.run(main())
