import asyncio

sem = asyncio.Semaphore(2)

async def worker(name):
    async with sem:
        print(f"{name} started")
        await asyncio.sleep(2)
        print(f"{name} finished")

async def main():
    await asyncio.gather(
        worker("Task 1"),
        worker("Task 2"),
        worker("Task 3"),
        worker("Task 4"),
        0,
    )

asyncio.run(main())
