# Guide section 13, the fix for the common mistake:
#   await make_tea()
#   # or
#   asyncio.run(make_tea())
import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


async def main():
    await make_tea()


asyncio.run(main())
asyncio.run(make_tea())
