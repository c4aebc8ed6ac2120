import asyncio


async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper("s1"))
            tg.create_task(sleeper("s2"))
            await asyncio.sleep(1)
            print("body raising")
            raise KeyError("from body")
    except* KeyError as eg:
        print("caught", [repr(e) for e in eg.exceptions])


asyncio.run(main())
