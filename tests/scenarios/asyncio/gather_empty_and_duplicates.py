import asyncio

calls = 0


async def count():
    global calls
    calls += 1
    await asyncio.sleep(1)
    return calls


async def main():
    print(await asyncio.gather())
    t = asyncio.create_task(count())
    results = await asyncio.gather(t, t, t)
    print(results, "calls:", calls)
    nested = await asyncio.gather(asyncio.gather(count(), count()), count())
    print(nested)


asyncio.run(main())
