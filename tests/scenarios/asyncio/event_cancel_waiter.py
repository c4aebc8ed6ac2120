import asyncio


async def waiter(event, name):
    try:
        await event.wait()
        print(f"{name} saw the event")
    except asyncio.CancelledError:
        print(f"{name} cancelled while waiting")
        raise


async def main():
    event = asyncio.Event()
    a = asyncio.create_task(waiter(event, "a"))
    b = asyncio.create_task(waiter(event, "b"))
    await asyncio.sleep(1)
    a.cancel()
    await asyncio.sleep(1)
    event.set()
    await asyncio.gather(a, b, return_exceptions=True)
    print("a cancelled:", a.cancelled(), "b cancelled:", b.cancelled())


asyncio.run(main())
