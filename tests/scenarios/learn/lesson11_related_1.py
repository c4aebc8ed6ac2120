import asyncio

counter = 0


async def add_one(name):
    global counter
    temp = counter
    await asyncio.sleep(1)  # simulate work
    counter = temp + 1
    print(f"{name} wrote {counter}")


async def main():
    await asyncio.gather(add_one("Task 1"), add_one("Task 2"), add_one("Task 3"))
    print(f"counter = {counter}")


asyncio.run(main())
