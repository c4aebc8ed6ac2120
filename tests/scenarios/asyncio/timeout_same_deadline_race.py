import asyncio


async def main():
    # asyncio.timeout schedules its timer on entry, before the sleep's timer.
    try:
        async with asyncio.timeout(1):
            await asyncio.sleep(1)
            print("sleep finished")
    except TimeoutError:
        print("timeout won the tie")

    # Here the child's sleep timer is scheduled first.
    async def child():
        await asyncio.sleep(1)
        return "child value"

    t = asyncio.create_task(child())
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(1):
            print(await t)
    except TimeoutError:
        print("timeout won again")


asyncio.run(main())
