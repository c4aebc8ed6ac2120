import asyncio


async def divide(a, b):
    await asyncio.sleep(1)
    return a // b


async def main():
    t = asyncio.create_task(divide(10, 0))
    print("waiting for the task")
    result = await t
    print(result)


asyncio.run(main())
