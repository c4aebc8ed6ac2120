import asyncio


async def producer(q):
    for i in range(5):
        print(f"putting {i} (full={q.full()})")
        await q.put(i)
        print(f"put {i} done")


async def consumer(q):
    await asyncio.sleep(1)
    for _ in range(5):
        item = await q.get()
        print(f"got {item}")
        await asyncio.sleep(0.5)


async def main():
    q = asyncio.Queue(maxsize=2)
    print("maxsize:", q.maxsize)
    await asyncio.gather(producer(q), consumer(q))


asyncio.run(main())
