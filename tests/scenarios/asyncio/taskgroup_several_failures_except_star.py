import asyncio


async def fail_after(delay, exc):
    await asyncio.sleep(delay)
    raise exc


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_after(1, ValueError("v1")))
            tg.create_task(fail_after(1, TypeError("t1")))
            tg.create_task(fail_after(1, ValueError("v2")))
            tg.create_task(fail_after(2, KeyError("never")))
    except* ValueError as eg:
        print("ValueErrors:", [str(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("TypeErrors:", [str(e) for e in eg.exceptions])
    print("after group")


asyncio.run(main())
