import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("caught cancel, refusing to stop")
    await asyncio.sleep(1)
    print("stubborn keeps working")
    return "finished anyway"


async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    t.cancel()
    result = await t
    print("result:", result, "cancelled:", t.cancelled())


asyncio.run(main())
