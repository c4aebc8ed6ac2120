import asyncio


async def main():
    event = asyncio.Event()
    t = asyncio.create_task(event.wait())
    await asyncio.sleep(1.5)
    print("partial line before deadlock", end="")
    await t


asyncio.run(main())
