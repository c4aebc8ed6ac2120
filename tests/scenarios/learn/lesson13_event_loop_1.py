import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


make_tea()  # WRONG - does NOT run the coroutine
print("Nothing was cooked")
