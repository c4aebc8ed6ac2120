import asyncio


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError:
            print("waiter cancelled; holds lock again:", cond.locked())
            raise


async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(1)
    async with cond:
        t.cancel()
        print("main holds the lock while cancelling")
        await asyncio.sleep(1)
        print("main releases")
    await asyncio.gather(t, return_exceptions=True)
    print("locked at end:", cond.locked())


asyncio.run(main())
