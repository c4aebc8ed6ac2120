#| slug: semaphore
#| title: Semaphore: limited entry tickets
#| guide: 17. asyncio.Semaphore & Event: Semaphore
#| knob: asyncio.Semaphore( | Tickets | int 1..5
#| knob: WORKERS = | Workers | int 1..8
#| knob: asyncio.sleep( | Work time (s) | number 0.5..4 by 0.5
#|
#| A semaphore is a set of limited entry tickets: with 2 tickets, only 2 tasks
#| can enter at once; the others wait until a slot is free. Use it to limit
#| concurrency: API rate limits, database or network connections. Change the
#| number of tickets and workers and watch the waiting lanes.
import asyncio

WORKERS = 4

sem = asyncio.Semaphore(2)

async def worker(name):
    async with sem:
        print(f"{name} started")
        await asyncio.sleep(2)
        print(f"{name} finished")

async def main():
    await asyncio.gather(*(worker(f"Task {i}") for i in range(1, WORKERS + 1)))

asyncio.run(main())
