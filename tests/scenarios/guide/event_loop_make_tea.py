# Guide section 13 (Coroutine vs Event Loop): make_tea run by asyncio.run.
import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


asyncio.run(make_tea())
