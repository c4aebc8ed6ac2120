import asyncio


async def worker(name, first, second, first_name, second_name):
    async with first:
        print(f"{name} holds {first_name}")
        await asyncio.sleep(1)
        print(f"{name} wants {second_name}")
        async with second:
            print(f"{name} holds both")


async def main():
    a = asyncio.Lock()
    b = asyncio.Lock()
    await asyncio.gather(
        worker("T1", a, b, "lock A", "lock B"),
        worker("T2", b, a, "lock B", "lock A"),
    )
    print("never printed")


asyncio.run(main())
