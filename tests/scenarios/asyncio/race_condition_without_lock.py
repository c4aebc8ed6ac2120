import asyncio

counter = 0


async def unsafe_increment(name):
    global counter
    temp = counter
    await asyncio.sleep(1)
    counter = temp + 1
    print(f"{name} wrote {counter}")


async def main():
    await asyncio.gather(*(unsafe_increment(f"task{i}") for i in range(3)))
    print("final counter (lost updates):", counter)


asyncio.run(main())
