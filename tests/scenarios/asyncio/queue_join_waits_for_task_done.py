import asyncio


async def worker(q):
    while True:
        item = await q.get()
        await asyncio.sleep(1)
        print(f"processed {item}")
        q.task_done()


async def joiner(q, name):
    await q.join()
    print(f"{name} join returned")


async def main():
    q = asyncio.Queue()
    await q.join()
    print("join on an empty queue returns immediately")
    for i in range(3):
        q.put_nowait(i)
    w = asyncio.create_task(worker(q))
    await asyncio.gather(joiner(q, "j1"), joiner(q, "j2"))
    w.cancel()


asyncio.run(main())
