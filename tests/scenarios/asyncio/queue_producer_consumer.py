import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print(f"put {i} (qsize={q.qsize()})")
        await asyncio.sleep(0.5)
    await q.put(None)


async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item is None:
            break
        print(f"got {item}")
        total += item
        await asyncio.sleep(0.75)
    print("total", total)


async def main():
    q = asyncio.Queue()
    await asyncio.gather(producer(q, 5), consumer(q))
    print("empty:", q.empty())


asyncio.run(main())
