import asyncio


async def work(x):
    await asyncio.sleep(1)
    return x + 1


async def main():
    t = asyncio.create_task(work(1))
    print("done:", t.done(), "cancelled:", t.cancelled())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("result() too early:", e)
    try:
        t.exception()
    except asyncio.InvalidStateError as e:
        print("exception() too early:", e)
    await asyncio.sleep(2)
    print("done:", t.done(), "result:", t.result(), "exception:", t.exception())
    print("cancel on done task:", t.cancel())


asyncio.run(main())
