import asyncio


async def main():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3600)
    print("an hour later", loop.time())
    await asyncio.sleep(2 * 86400)
    print("two days later", loop.time())


asyncio.run(main())
