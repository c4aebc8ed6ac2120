import asyncio


async def job(delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"failed after {delay}")
    return delay


async def main():
    tasks = [
        asyncio.create_task(job(1), name="ok1"),
        asyncio.create_task(job(2, fail=True), name="bad2"),
        asyncio.create_task(job(3), name="ok3"),
    ]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("done:", sorted(t.get_name() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    print("exception:", repr(tasks[1].exception()))
    for t in pending:
        t.cancel()
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("after cancel:", len(done), len(pending), tasks[2].cancelled())


asyncio.run(main())
