import asyncio


async def waiter(event, name):
    await event.wait()
    print(f"{name} woke; is_set now {event.is_set()}")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, n)) for n in ("a", "b")]
    await asyncio.sleep(1)
    event.set()
    event.clear()
    print("set() then clear() immediately")
    await asyncio.gather(*tasks)
    late = asyncio.create_task(waiter(event, "late"))
    await asyncio.sleep(1)
    print("late still waiting:", not late.done())
    event.set()
    await late


asyncio.run(main())
