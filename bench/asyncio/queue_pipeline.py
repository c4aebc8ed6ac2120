# Benchmark: a producer/consumer pipeline moving 1,000,000 items through
# asyncio.Queue(maxsize=100).
import asyncio

ITEMS = 1_000_000


async def producer(q):
    for i in range(ITEMS):
        await q.put(i)
    await q.put(None)


async def consumer(q):
    count = 0
    checksum = 0
    while True:
        item = await q.get()
        if item is None:
            break
        count += 1
        checksum = (checksum + item * 7) % 1_000_003
    return count, checksum


async def main():
    q = asyncio.Queue(maxsize=100)
    _, (count, checksum) = await asyncio.gather(producer(q), consumer(q))
    print(f"items={count} checksum={checksum} qsize={q.qsize()}")


asyncio.run(main())
