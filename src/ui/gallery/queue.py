#| slug: queue
#| title: Queue: producer and consumers
#| guide: 18. Remaining asyncio Concepts: asyncio.Queue
#| knob: ITEMS = | Items | int 1..10
#| knob: WORKERS = | Consumers | int 1..5
#| knob: MAXSIZE = | Queue size (0 = unlimited) | int 0..5
#|
#| A queue is a line of work: the producer puts items in, the consumers take
#| them out, first come, first served. It is the safest way to share data
#| between tasks, with no lock. `queue.join()` waits until every item is marked
#| done; then the consumers, which loop forever, are cancelled. Give the queue a
#| maximum size and the producer has to wait for room.
import asyncio

ITEMS = 5
WORKERS = 2
MAXSIZE = 0


async def producer(queue):
    for i in range(ITEMS):
        await queue.put(i)
        print(f"Produced {i}")
        await asyncio.sleep(0.5)


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(f"{name} consumed {item}")
        await asyncio.sleep(1)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=MAXSIZE)
    consumers = [asyncio.create_task(consumer(f"Consumer {i}", queue)) for i in range(1, WORKERS + 1)]
    await producer(queue)
    await queue.join()
    for c in consumers:
        c.cancel()
    print("All items processed")


asyncio.run(main())
