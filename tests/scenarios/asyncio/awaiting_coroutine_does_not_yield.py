import asyncio


async def compute(n):
    return n * n


async def chain(n):
    a = await compute(n)
    b = await compute(a)
    return b


async def other():
    print("other task runs")


async def main():
    asyncio.create_task(other())
    print("chain result", await chain(3))
    print("still no switch: awaiting plain coroutines never yields")
    await asyncio.sleep(0)
    print("after sleep(0)")


asyncio.run(main())
