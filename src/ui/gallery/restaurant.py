#| slug: restaurant
#| title: The restaurant, as one scenario
#| guide: 2. Mental Model - The Restaurant Analogy
#| knob: COOKS = | Cooks | int 1..4
#| knob: ORDERS = | Orders | int 1..8
#| knob: asyncio.Semaphore( | Stoves | int 1..4
#|
#| The restaurant is the program; each dish is a task; the order line is a
#| queue. The doors open with an event, the waiter takes orders into the queue,
#| and the cooks take them out. Two stoves mean at most two dishes boil at once
#| (a semaphore), and the cooks share one tasting spoon (a lock). One event loop
#| switches smartly between them all: async is one cook never idle.
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
