import asyncio


async def main():
    print("hello")
    await asyncio.sleep(1)
    print("world")
    await asyncio.sleep(0.25)
    print("done")


asyncio.run(main())
