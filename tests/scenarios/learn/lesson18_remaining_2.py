import asyncio


async def task():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("Task was cancelled")
        raise


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the cancellation")


asyncio.run(main())
