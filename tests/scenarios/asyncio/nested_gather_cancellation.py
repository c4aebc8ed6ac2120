import asyncio


async def leaf(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def branch(prefix):
    return await asyncio.gather(leaf(prefix + "1", 1), leaf(prefix + "2", 4))


async def main():
    t = asyncio.create_task(asyncio.sleep(0))
    await t
    outer = asyncio.gather(branch("a"), branch("b"))
    await asyncio.sleep(2)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer gather cancelled")


asyncio.run(main())
