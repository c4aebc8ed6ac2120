import asyncio


async def leaf(name, delay, fail=False):
    try:
        await asyncio.sleep(delay)
        if fail:
            raise RuntimeError(f"{name} failed")
        print(f"{name} ok")
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def inner_group(name, fail):
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(leaf(f"{name}.1", 1))
            tg.create_task(leaf(f"{name}.2", 2, fail))
            tg.create_task(leaf(f"{name}.3", 3))
    finally:
        print(f"{name} group closed")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group("left", False))
            tg.create_task(inner_group("right", True))
    except ExceptionGroup as eg:
        print("outer caught:", repr(eg))
        inner = eg.exceptions[0]
        print("inner group:", repr(inner))


asyncio.run(main())
