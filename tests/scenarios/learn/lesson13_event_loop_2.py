import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


asyncio.run(make_tea())
