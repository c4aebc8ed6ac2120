import asyncio

lock = asyncio.Lock()
counter = 0


async def increase_counter(name):
    global counter
    print(f"{name} waiting for lock")

    async with lock:
        print(f"{name} acquired lock")
        temp = counter
        await asyncio.sleep(1)   # simulate work
        counter = temp + 1
        print(f"{name} updated counter to {counter}")

    print(f"{name} released lock")


async def main():
    await asyncio.gather(
        increase_counter("Task 1"),
        increase_counter("Task 2"),
        increase_counter("Task 3"),
    )


asyncio.run(main())
