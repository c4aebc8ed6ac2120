import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return f"{name}({delay})"


async def main():
    tasks = [
        asyncio.create_task(job("a", 3)),
        asyncio.create_task(job("b", 1)),
        asyncio.create_task(job("c", 2)),
        asyncio.create_task(job("d", 1)),
    ]
    for fut in asyncio.as_completed(tasks):
        result = await fut
        print("completed:", result)


asyncio.run(main())
