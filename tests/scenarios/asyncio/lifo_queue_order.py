import asyncio


async def consumer(q):
    while True:
        item = await q.get()
        print("popped", item)
        q.task_done()
        if item == "stop":
            break


async def main():
    q = asyncio.LifoQueue(maxsize=3)
    for x in ["a", "b", "c"]:
        q.put_nowait(x)
    print("full:", q.full())
    c = asyncio.create_task(consumer(q))
    await asyncio.sleep(0)
    await q.put("d")
    await q.put("stop")
    await c
    print("left:", q.qsize())


asyncio.run(main())
