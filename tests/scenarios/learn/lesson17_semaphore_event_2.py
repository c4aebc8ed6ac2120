import asyncio

event = asyncio.Event()


async def waiter(name):
    print(f"{name} waiting for event")
    await event.wait()
    print(f"{name} received event")


async def setter():
    await asyncio.sleep(2)
    print("Event set!")
    event.set()


async def main():
    await asyncio.gather(
        waiter("Task 1"),
        waiter("Task 2"),
        setter(),
    )


asyncio.run(main())
