#| slug: lock
#| title: Lock: one task at a time
#| guide: 16. asyncio.Lock
#| knob: asyncio.sleep( | Work time (s) | number 0.5..3 by 0.5
#|
#| A lock is a bathroom key: only the task holding the key can enter; the
#| others must wait. Task 1 gets the lock, and Tasks 2 and 3 queue up behind it.
#| When Task 1 releases it, the lock is handed to the next waiter (the arrow
#| marks), so the counter goes 1, 2, 3. Step through it and watch the lock's
#| owner and waiters beside the timeline.
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
