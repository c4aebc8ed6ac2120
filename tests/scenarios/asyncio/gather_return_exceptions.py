import asyncio


async def ok(n):
    await asyncio.sleep(n)
    return n * 10


async def fail(n, exc):
    await asyncio.sleep(n)
    raise exc


async def main():
    results = await asyncio.gather(
        ok(1), fail(2, ValueError("bad value")), ok(3), fail(0.5, KeyError("k")),
        return_exceptions=True,
    )
    for r in results:
        print(type(r).__name__, repr(r))


asyncio.run(main())
