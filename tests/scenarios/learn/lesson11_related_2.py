import asyncio


async def worker(name, first, second):
    async with first:
        print(f"{name} holds its first lock")
        await asyncio.sleep(1)
        async with second:
            print(f"{name} holds both")


async def main():
    a, b = asyncio.Lock(), asyncio.Lock()
    await asyncio.gather(worker("T1", a, b), worker("T2", b, a))


asyncio.run(main())
