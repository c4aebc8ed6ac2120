import asyncio


async def main():
    q = asyncio.PriorityQueue()
    for item in [(3, "low"), (1, "urgent"), (2, "normal"), (1, "also urgent"), (5, "later")]:
        await q.put(item)
    print("qsize:", q.qsize())
    while not q.empty():
        priority, name = await q.get()
        print(priority, name)
        q.task_done()
    await q.join()
    print("joined")


asyncio.run(main())
