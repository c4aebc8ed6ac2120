import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    await asyncio.sleep(2)
    print("awaiting a future nobody will set")
    await fut
    print("never printed")


asyncio.run(main())
