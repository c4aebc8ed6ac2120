# Guide section 18, create_task vs await:
#   asyncio.create_task(task())  # background
#   await task()                 # wait now
import asyncio


async def task():
    print("task starts")
    await asyncio.sleep(1)
    print("task ends")


async def main():
    asyncio.create_task(task())  # background
    print("main continues right away")
    await task()                 # wait now
    print("main done")


asyncio.run(main())
