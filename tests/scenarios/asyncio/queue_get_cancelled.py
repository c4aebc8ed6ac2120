import asyncio


async def getter(q, name):
    try:
        item = await q.get()
        print(f"{name} got {item}")
    except asyncio.CancelledError:
        print(f"{name} cancelled while waiting in get()")
        raise


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter(q, "g1"))
    g2 = asyncio.create_task(getter(q, "g2"))
    await asyncio.sleep(1)
    g1.cancel()
    await asyncio.sleep(1)
    q.put_nowait("item")
    await asyncio.gather(g1, g2, return_exceptions=True)
    print("queue empty:", q.empty())


asyncio.run(main())
