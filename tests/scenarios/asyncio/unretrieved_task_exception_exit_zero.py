import asyncio


async def fails():
    await asyncio.sleep(0.5)
    raise ValueError("nobody looks at me")


async def main():
    t = asyncio.create_task(fails())
    await asyncio.sleep(1)
    print("task failed but main does not care:", t.done())


asyncio.run(main())
print("exit status is still 0")
