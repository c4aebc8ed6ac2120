#| slug: event
#| title: Event: a signal for everyone
#| guide: 17. asyncio.Semaphore & Event: Event
#| knob: WAITERS = | Waiters | int 1..6
#| knob: asyncio.sleep( | Signal after (s) | number 0.5..5 by 0.5
#|
#| An event is a traffic signal: red means wait, green means go. The waiters
#| call `event.wait()` and stop; the setter calls `event.set()` two seconds
#| later, and all the waiting tasks resume at once. A semaphore lets tasks in one
#| by one; an event releases them together.
import asyncio

WAITERS = 2

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
        *(waiter(f"Task {i}") for i in range(1, WAITERS + 1)),
        setter(),
    )

asyncio.run(main())
