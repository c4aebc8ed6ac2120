import asyncio


async def worker(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        print(f"{name} raising")
        raise RuntimeError(f"{name} failed")
    print(f"{name} done")
    return name


async def main():
    try:
        await asyncio.gather(worker("a", 1), worker("b", 2, fail=True), worker("c", 3))
    except RuntimeError as e:
        print(f"gather raised: {e}")
    print("main continues while c still runs")
    await asyncio.sleep(2)
    print("main exits")


asyncio.run(main())
