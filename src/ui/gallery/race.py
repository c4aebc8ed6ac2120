#| slug: race
#| title: Without a lock: the race condition
#| guide: 11. Related Important Concepts: Race Condition
#| knob: USE_LOCK = | Use the lock | bool
#| knob: TASKS = | Tasks | int 2..6
#|
#| A race condition is two workers changing the same thing at the same time,
#| like two people editing the same document. Without the lock, every task reads
#| `counter = 0`, sleeps, and writes back 1: the final result is 1 instead of
#| the number of tasks. Turn the lock on and the tasks take turns, and the count
#| is right.
import asyncio

USE_LOCK = False
TASKS = 3

lock = asyncio.Lock()
counter = 0


async def update(name):
    global counter
    temp = counter
    await asyncio.sleep(1)  # simulate work
    counter = temp + 1
    print(f"{name} wrote {counter}")


async def increase_counter(name):
    if USE_LOCK:
        async with lock:
            await update(name)
    else:
        await update(name)


async def main():
    await asyncio.gather(*(increase_counter(f"Task {i}") for i in range(1, TASKS + 1)))
    print(f"counter = {counter}, expected {TASKS}")


asyncio.run(main())
