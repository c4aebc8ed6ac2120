import asyncio


async def getter(q, name):
    try:
        item = await q.get()
        print(f"{name} got {item}")
    except asyncio.CancelledError:
        print(f"{name} cancelled after being woken")
        raise


async def main():
    q = asyncio.Queue()
    g1 = asyncio.create_task(getter(q, "g1"))
    g2 = asyncio.create_task(getter(q, "g2"))
    await asyncio.sleep(1)
    q.put_nowait("precious")   # wakes g1...
    g1.cancel()                # ...which is cancelled before it runs
    await asyncio.gather(g1, g2, return_exceptions=True)
    print("g2 done:", g2.done(), "queue empty:", q.empty())


asyncio.run(main())
