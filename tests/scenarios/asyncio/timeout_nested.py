import asyncio


async def main():
    try:
        async with asyncio.timeout(5):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner timeout fired first")
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer timeout fired")

    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(5):
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner (wrong)")
            except asyncio.CancelledError:
                print("inner block sees CancelledError")
                raise
    except TimeoutError:
        print("outer converts to TimeoutError")


asyncio.run(main())
