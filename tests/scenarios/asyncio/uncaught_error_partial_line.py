import asyncio


async def main():
    print("working", end="")
    for _ in range(3):
        await asyncio.sleep(1)
        print(".", end="")
    raise IndexError("list index out of range")


asyncio.run(main())
