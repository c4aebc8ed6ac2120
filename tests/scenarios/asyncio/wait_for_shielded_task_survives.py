import asyncio


async def backup():
    print("backup started")
    await asyncio.sleep(3)
    print("backup finished")
    return "backup ok"


async def main():
    t = asyncio.create_task(backup())
    try:
        await asyncio.wait_for(asyncio.shield(t), timeout=1)
    except TimeoutError:
        print("gave up waiting, backup still running:", not t.done())
    print("result later:", await t)


asyncio.run(main())
