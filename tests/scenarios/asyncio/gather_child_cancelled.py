import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    a = asyncio.create_task(sleeper("a", 1))
    b = asyncio.create_task(sleeper("b", 5))
    c = asyncio.create_task(sleeper("c", 2))
    asyncio.get_running_loop().call_later(0.5, b.cancel)
    results = await asyncio.gather(a, b, c, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print(results[0], results[2])

    d = asyncio.create_task(sleeper("d", 5))
    e = asyncio.create_task(sleeper("e", 1))
    asyncio.get_running_loop().call_later(0.5, d.cancel)
    try:
        await asyncio.gather(d, e)
    except asyncio.CancelledError:
        print("gather raised CancelledError because a child was cancelled")
    print("e done:", e.done())
    await asyncio.sleep(1)
    print("e result:", e.result())


asyncio.run(main())
