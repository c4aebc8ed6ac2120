import asyncio


async def main():
    a = asyncio.create_task(asyncio.sleep(5, result="a"))
    b = asyncio.create_task(asyncio.sleep(6, result="b"))
    done, pending = await asyncio.wait([a, b], timeout=1, return_when=asyncio.FIRST_COMPLETED)
    print("after 1s:", len(done), "done,", len(pending), "pending")
    done, pending = await asyncio.wait([a, b], return_when=asyncio.FIRST_COMPLETED)
    print("first finished:", [t.result() for t in done], "still pending:", len(pending))
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    b.cancel()


asyncio.run(main())
