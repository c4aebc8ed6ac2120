import asyncio


async def fetch():
    await asyncio.sleep(10)
    return "data"


async def main():
    print("fetching with a 2s timeout")
    data = await asyncio.wait_for(fetch(), timeout=2)
    print(data)


asyncio.run(main())
