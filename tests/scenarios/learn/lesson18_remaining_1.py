import asyncio

queue = asyncio.Queue()


async def producer():
    for i in range(3):
        await queue.put(i)
        print(f"Produced {i}")
        await asyncio.sleep(1)


async def consumer():
    while True:
        item = await queue.get()
        print(f"Consumed {item}")
        queue.task_done()


async def main():
    await asyncio.gather(producer(), consumer())


asyncio.run(main())
