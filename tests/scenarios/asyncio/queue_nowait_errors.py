import asyncio


async def main():
    q = asyncio.Queue(maxsize=2)
    print("empty:", q.empty(), "full:", q.full(), "qsize:", q.qsize())
    q.put_nowait("a")
    q.put_nowait("b")
    print("empty:", q.empty(), "full:", q.full(), "qsize:", q.qsize())
    try:
        q.put_nowait("c")
    except asyncio.QueueFull:
        print("QueueFull raised")
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty raised")
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
    unbounded = asyncio.Queue()
    for i in range(1000):
        unbounded.put_nowait(i)
    print("unbounded full:", unbounded.full(), unbounded.qsize())


asyncio.run(main())
