import asyncio


async def consumer(fut):
    try:
        print("consumer waiting for future")
        return await fut
    except asyncio.CancelledError:
        print("consumer cancelled while awaiting the future")
        raise


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(consumer(fut))
    await asyncio.sleep(1)
    t.cancel()
    await asyncio.sleep(0)
    print("future cancelled with the task:", fut.cancelled())
    print("task cancelled:", t.cancelled())


asyncio.run(main())
