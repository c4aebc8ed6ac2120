import asyncio


async def worker(name, delay):
    try:
        await asyncio.sleep(delay)
        print(f"{name} completed")
        return name
    except asyncio.CancelledError:
        print(f"{name} cancelled")
        raise


async def main():
    g = asyncio.gather(worker("w1", 1), worker("w2", 5), worker("w3", 6))
    await asyncio.sleep(2)
    print("cancelling gather:", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError")
    print("gather cancelled:", g.cancelled())


asyncio.run(main())
