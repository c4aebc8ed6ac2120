import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
        print("slow finished")
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise


async def bad():
    await asyncio.sleep(1)
    raise ValueError("burnt the toast")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow())
            tg.create_task(bad())
    except* ValueError as e:
        print("Handled:", e.exceptions[0])


asyncio.run(main())
