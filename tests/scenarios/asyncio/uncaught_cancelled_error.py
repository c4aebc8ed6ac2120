import asyncio


async def main():
    me = asyncio.current_task()
    asyncio.get_running_loop().call_later(1, me.cancel)
    print("main sleeping; will be cancelled")
    await asyncio.sleep(5)
    print("not reached")


asyncio.run(main())
