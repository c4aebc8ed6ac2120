import asyncio


async def slow():
    try:
        await asyncio.sleep(5)
        return "slow result"
    except asyncio.CancelledError:
        print("slow was cancelled")
        raise


async def main():
    try:
        result = await asyncio.wait_for(slow(), timeout=2)
        print("got", result)
    except asyncio.TimeoutError as e:
        print("TimeoutError caught; same as builtin:", type(e) is TimeoutError)
    print("after wait_for")


asyncio.run(main())
