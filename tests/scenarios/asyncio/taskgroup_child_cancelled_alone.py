import asyncio


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} done")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(job("a", 1))
        b = tg.create_task(job("b", 3))
        c = tg.create_task(job("c", 2))
        await asyncio.sleep(0.5)
        b.cancel()
    print("group finished normally:", a.result(), b.cancelled(), c.result())


asyncio.run(main())
