import asyncio

COOKS = 2
ORDERS = 4

doors_open = asyncio.Event()
stoves = asyncio.Semaphore(2)
spoon = asyncio.Lock()


async def waiter(orders):
    await doors_open.wait()
    for n in range(1, ORDERS + 1):
        await orders.put(f"dish {n}")
        print(f"Waiter: order for dish {n}")
        await asyncio.sleep(0.5)


async def cook(name, orders):
    while True:
        dish = await orders.get()
        async with stoves:
            print(f"{name} cooks {dish}")
            await asyncio.sleep(2)
        async with spoon:
            print(f"{name} tastes {dish}")
            await asyncio.sleep(0.5)
        print(f"{name} serves {dish}")
        orders.task_done()


async def main():
    orders = asyncio.Queue()
    cooks = [asyncio.create_task(cook(f"Cook {i}", orders)) for i in range(1, COOKS + 1)]
    print("Doors open")
    doors_open.set()
    await waiter(orders)
    await orders.join()
    for c in cooks:
        c.cancel()
    print("All dishes served")


asyncio.run(main())
