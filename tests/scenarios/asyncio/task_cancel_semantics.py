import asyncio


async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print("sleeper finally runs")


async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(1)
    print("first cancel:", t.cancel())
    print("second cancel:", t.cancel())
    print("cancelled right after cancel():", t.cancelled(), "done:", t.done())
    await asyncio.sleep(0)
    print("cancelled after a loop turn:", t.cancelled(), "done:", t.done())
    try:
        t.result()
    except asyncio.CancelledError:
        print("result() raises CancelledError")
    try:
        t.exception()
    except asyncio.CancelledError:
        print("exception() raises CancelledError")


asyncio.run(main())
