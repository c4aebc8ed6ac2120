# Guide section 14, "Error Handling": good_task and bad_task were not shown,
# so they are defined here.
import asyncio


async def good_task():
    await asyncio.sleep(2)
    print("good_task finished")


async def bad_task():
    await asyncio.sleep(1)
    raise ValueError("bad_task failed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(good_task())
            tg.create_task(bad_task())
    except* ValueError as e:
        print("Handled ValueError:", e)

asyncio.run(main())
