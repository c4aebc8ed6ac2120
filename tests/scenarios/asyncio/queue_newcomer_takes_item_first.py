import asyncio


async def slow_getter(q):
    item = await q.get()
    print(f"slow_getter finally got {item}")


async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(slow_getter(q))
    await asyncio.sleep(1)
    q.put_nowait("x")          # wakes slow_getter, but it has not run yet
    print("main grabs:", q.get_nowait())
    await asyncio.sleep(1)
    print("slow_getter done?", g.done())
    q.put_nowait("y")
    await g


asyncio.run(main())
