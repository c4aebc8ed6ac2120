import asyncio


async def task1():
    await asyncio.sleep(2)
    print("Task 1 done")


async def task2():
    await asyncio.sleep(1)
    print("Task 2 done")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(task1())
        tg.create_task(task2())
    print("The group is done")


asyncio.run(main())
