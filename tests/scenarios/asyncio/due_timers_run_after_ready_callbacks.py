import asyncio


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, print, "call_later(0)")
    loop.call_soon(print, "call_soon A")
    loop.call_soon(print, "call_soon B")
    loop.call_later(-1, print, "call_later(-1)")
    print("main yields")
    await asyncio.sleep(0)
    print("main resumed")
    await asyncio.sleep(0)
    print("main resumed again")


asyncio.run(main())
