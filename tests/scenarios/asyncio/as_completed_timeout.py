import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d)) for d in (1, 5, 2)]
    try:
        for fut in asyncio.as_completed(tasks, timeout=3):
            print("got", await fut)
    except TimeoutError:
        print("as_completed timed out")
    print("still pending:", [t.done() for t in tasks])


asyncio.run(main())
