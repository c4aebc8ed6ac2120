import asyncio


async def job(name, delay):
    print(f"{name} start")
    await asyncio.sleep(delay)
    print(f"{name} end")
    return delay * 2


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job("one", 2))
        t2 = tg.create_task(job("two", 1))
        t3 = tg.create_task(job("three", 3), name="custom-name")
        print("tasks created")
    print("group exited")
    print(t1.result(), t2.result(), t3.result(), t3.get_name())


asyncio.run(main())
