import asyncio


async def report():
    me = asyncio.current_task()
    print("running in", me.get_name())
    await asyncio.sleep(0)
    return me.get_name()


async def main():
    print("main is", asyncio.current_task().get_name())
    t1 = asyncio.create_task(report())
    t2 = asyncio.create_task(report(), name="worker")
    t3 = asyncio.create_task(report())
    print(t1.get_name(), t2.get_name(), t3.get_name())
    print(await asyncio.gather(t1, t2, t3))
    print("gather wraps coroutines in tasks:", await asyncio.gather(report(), report()))


asyncio.run(main())
