import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner cancelled, cleaning up for 1.5s")
        await asyncio.sleep(1.5)
        print("inner cleanup finished")
        raise


async def main():
    try:
        await asyncio.wait_for(stubborn(), timeout=1)
    except TimeoutError:
        print("TimeoutError only after the cleanup")


asyncio.run(main())
