import asyncio


async def worker(name, q):
    while True:
        item = await q.get()
        print(f"{name} handles {item}")
        await asyncio.sleep(item)
        q.task_done()


async def main():
    q = asyncio.Queue()
    for delay in [1, 2, 1, 3, 1, 1]:
        q.put_nowait(delay)
    workers = [asyncio.create_task(worker(f"w{i}", q)) for i in range(3)]
    await q.join()
    print("all items processed")
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print([type(r).__name__ for r in results])


asyncio.run(main())
