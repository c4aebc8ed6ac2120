import asyncio


async def putter(q, item):
    try:
        await q.put(item)
        print(f"put {item}")
    except asyncio.CancelledError:
        print(f"putting {item} was cancelled")
        raise


async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("first")
    p1 = asyncio.create_task(putter(q, "second"))
    p2 = asyncio.create_task(putter(q, "third"))
    await asyncio.sleep(1)
    p1.cancel()
    await asyncio.sleep(0)
    print("got", await q.get())
    await asyncio.gather(p1, p2, return_exceptions=True)
    print("queue now holds", q.get_nowait(), "qsize", q.qsize())


asyncio.run(main())
