import asyncio

door = asyncio.Event()
tickets = asyncio.Semaphore(2)
key = asyncio.Lock()
served = 0


async def guest(name, orders):
    global served
    await door.wait()
    async with tickets:
        dish = await orders.get()
        await asyncio.sleep(1)
    async with key:
        served += 1
        print(f"{name} ate {dish}")


async def main():
    orders = asyncio.Queue()
    for dish in ("soup", "rice", "tea", "cake"):
        orders.put_nowait(dish)
    try:
        async with asyncio.timeout(5):
            async with asyncio.TaskGroup() as tg:
                for n in range(1, 5):
                    tg.create_task(guest(f"Guest {n}", orders))
                door.set()
    except TimeoutError:
        print("Too slow!")
    print(f"{served} guests served")


asyncio.run(main())
