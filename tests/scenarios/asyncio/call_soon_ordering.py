import asyncio


def cb(label, loop):
    print(f"{label} at {loop.time()}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "soon-1", loop)
    loop.call_soon(cb, "soon-2", loop)
    loop.call_soon(lambda: loop.call_soon(cb, "nested soon", loop))
    loop.call_soon(cb, "soon-3", loop)
    print("main before yielding")
    await asyncio.sleep(0)
    print("main after one yield")
    await asyncio.sleep(0)
    print("main after two yields")


asyncio.run(main())
