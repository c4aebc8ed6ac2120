import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.sleep(5), timeout=2)
    except asyncio.TimeoutError:
        print("Timeout!")


asyncio.run(main())
