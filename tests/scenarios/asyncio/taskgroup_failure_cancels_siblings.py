import asyncio


async def long_job(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def failing(delay):
    await asyncio.sleep(delay)
    print("failing raises")
    raise ValueError("broken")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(long_job("short", 0.5))
            tg.create_task(long_job("a", 5))
            tg.create_task(failing(1))
            tg.create_task(long_job("b", 6))
            print("body done")
    except ExceptionGroup as eg:
        print("caught:", eg)
        for e in eg.exceptions:
            print(" ", type(e).__name__, e)


asyncio.run(main())
