import asyncio


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} done")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    try:
        async with asyncio.timeout(2):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(job("fast", 1))
                tg.create_task(job("slow", 5))
                tg.create_task(job("slower", 6))
    except TimeoutError:
        print("TaskGroup timed out as a whole")


asyncio.run(main())
