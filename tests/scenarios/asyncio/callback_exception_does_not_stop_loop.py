import asyncio


def bad_callback():
    print("bad callback runs")
    raise RuntimeError("callback failure goes to the exception handler")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad_callback)
    loop.call_soon(print, "next callback still runs")
    await asyncio.sleep(0.5)
    print("main continues")
    print("current_task in main:", asyncio.current_task().get_name())
    loop.call_soon(lambda: print("current_task in a callback:", asyncio.current_task()))
    await asyncio.sleep(0)


asyncio.run(main())
