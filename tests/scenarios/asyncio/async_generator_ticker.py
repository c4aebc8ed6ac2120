# The example from the issue: an async generator awaited in async for, and await
# inside a comprehension.
import asyncio

async def ticker(n):
    for i in range(n):
        await asyncio.sleep(1)
        yield i

async def main():
    async for x in ticker(3):
        print(x)
    print([await asyncio.sleep(0, i) for i in range(2)])

asyncio.run(main())
