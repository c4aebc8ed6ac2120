import asyncio


async def value():
    await asyncio.sleep(1)
    return "shielded value"


async def broken():
    await asyncio.sleep(1)
    raise ValueError("inside shield")


async def main():
    print(await asyncio.shield(value()))
    try:
        await asyncio.shield(broken())
    except ValueError as e:
        print("error passes through:", e)
    t = asyncio.create_task(value())
    await t
    print("shield of done task:", await asyncio.shield(t))
    inner = asyncio.create_task(asyncio.sleep(5))
    outer = asyncio.shield(inner)
    inner.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("inner cancelled -> shield cancelled:", outer.cancelled())


asyncio.run(main())
