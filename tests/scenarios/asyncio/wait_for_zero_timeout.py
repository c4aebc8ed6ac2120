import asyncio


async def instant():
    return "instant"


async def needs_time():
    try:
        await asyncio.sleep(1)
        return "late"
    except asyncio.CancelledError:
        print("needs_time cancelled")
        raise


async def main():
    try:
        print(await asyncio.wait_for(instant(), timeout=0))
    except TimeoutError:
        print("instant timed out")
    try:
        print(await asyncio.wait_for(needs_time(), timeout=0))
    except TimeoutError:
        print("needs_time timed out")
    done = asyncio.get_running_loop().create_future()
    done.set_result("already done")
    print(await asyncio.wait_for(done, timeout=-1))


asyncio.run(main())
