import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} finished after {delay}")
    return name.upper()


async def main():
    results = await asyncio.gather(job("slow", 3), job("fast", 1), job("medium", 2))
    print(results)


asyncio.run(main())
