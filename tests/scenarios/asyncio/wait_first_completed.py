import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    tasks = [asyncio.create_task(job(d), name=f"job{d}") for d in (3, 1, 2)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.get_name() for t in done))
    done, pending = await asyncio.wait(tasks)
    print("all done:", len(done), len(pending), [t.result() for t in tasks])


asyncio.run(main())
