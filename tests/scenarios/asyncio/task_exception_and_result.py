import asyncio


async def boom():
    await asyncio.sleep(1)
    raise ZeroDivisionError("no dividing")


async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(2)
    print("done:", t.done())
    exc = t.exception()
    print("exception():", type(exc).__name__, exc)
    try:
        t.result()
    except ZeroDivisionError as e:
        print("result() re-raises:", e)
    try:
        await t
    except ZeroDivisionError as e:
        print("await re-raises:", e)


asyncio.run(main())
