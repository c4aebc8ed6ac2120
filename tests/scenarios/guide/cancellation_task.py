# Guide section 18, Cancellation: the top-level awaits are wrapped in main().
import asyncio


async def task():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("Task was cancelled")


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.sleep(0)


asyncio.run(main())
