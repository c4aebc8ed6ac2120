# Guide section 18, Shielding tasks (asyncio.shield).
import asyncio


async def long_task():
    await asyncio.sleep(2)
    print("long_task finished")
    return "result"


async def main():
    task = asyncio.create_task(long_task())
    print(await asyncio.shield(task))


asyncio.run(main())
