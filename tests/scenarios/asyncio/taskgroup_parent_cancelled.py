import asyncio


async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def parent():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c1"))
            tg.create_task(child("c2"))
            print("parent waiting in group")
    except asyncio.CancelledError:
        print("parent got CancelledError")
        raise


async def main():
    t = asyncio.create_task(parent())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main: parent cancelled =", t.cancelled())


asyncio.run(main())
