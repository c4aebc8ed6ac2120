import asyncio


async def main():
    event = asyncio.Event()
    try:
        await asyncio.wait_for(event.wait(), timeout=1)
    except TimeoutError:
        print("event not set within 1s")
    asyncio.get_running_loop().call_later(0.5, event.set)
    print("wait returned", await asyncio.wait_for(event.wait(), timeout=1))
    q = asyncio.Queue()
    try:
        async with asyncio.timeout(0.75):
            await q.get()
    except TimeoutError:
        print("queue get timed out; getters left behind:", q.empty())
    q.put_nowait("x")
    print("get still works:", await q.get())


asyncio.run(main())
