import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(1, fut.set_exception, ValueError("future failed"))
    try:
        await fut
    except ValueError as e:
        print("await raised:", e)
    print("exception():", repr(fut.exception()))
    print("done:", fut.done(), "cancelled:", fut.cancelled())

    fut2 = loop.create_future()
    loop.call_soon(fut2.cancel)
    try:
        await fut2
    except asyncio.CancelledError:
        print("future cancelled:", fut2.cancelled())


asyncio.run(main())
