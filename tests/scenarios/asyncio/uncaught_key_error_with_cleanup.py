import asyncio


async def helper():
    try:
        await asyncio.sleep(10)
    finally:
        print("helper cleaned up during shutdown")


async def main():
    asyncio.create_task(helper())
    await asyncio.sleep(1)
    config = {"host": "localhost"}
    print(config["port"])


asyncio.run(main())
