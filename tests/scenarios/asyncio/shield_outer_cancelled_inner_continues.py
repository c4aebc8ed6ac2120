import asyncio


async def important():
    print("important work started")
    await asyncio.sleep(3)
    print("important work finished")
    return 42


async def caller(task):
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        print("caller cancelled, inner task keeps going")
        raise


async def main():
    inner = asyncio.create_task(important())
    c = asyncio.create_task(caller(inner))
    await asyncio.sleep(1)
    c.cancel()
    await asyncio.sleep(0)
    print("caller cancelled:", c.cancelled(), "inner done:", inner.done())
    print("inner result:", await inner)


asyncio.run(main())
