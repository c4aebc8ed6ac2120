import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    for name in ["c", "a", "d", "b"]:
        loop.call_later(1, print, "timer", name)
    loop.call_later(0.5, print, "earlier timer")
    loop.call_later(1.0, print, "call_later(1.0) same deadline")
    h = loop.call_later(1, print, "cancelled timer")
    h.cancel()
    loop.call_later(1, done.set_result, None)
    await done
    print("all timers done at", loop.time())


asyncio.run(main())
