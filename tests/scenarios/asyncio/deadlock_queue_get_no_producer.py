import asyncio


async def consumer(q, name):
    print(f"{name} waiting for an item")
    item = await q.get()
    print(f"{name} got {item}")


async def main():
    q = asyncio.Queue()
    q.put_nowait("only item")
    await asyncio.gather(consumer(q, "c1"), consumer(q, "c2"))


asyncio.run(main())
