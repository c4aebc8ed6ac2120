import asyncio


async def never_runs():
    print("this body never starts")
    try:
        await asyncio.sleep(1)
    finally:
        print("nor does this finally")


async def main():
    t = asyncio.create_task(never_runs())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("cancelled before starting:", t.cancelled())


asyncio.run(main())
