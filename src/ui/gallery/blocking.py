#| slug: blocking
#| title: Blocking vs non-blocking
#| guide: 11. Related Important Concepts: Blocking vs Non-Blocking
#| knob: SECONDS = | Wait (s) | number 0.5..5 by 0.5
#|
#| Blocking means you start something and everything waits until it finishes.
#| `time.sleep` blocks the whole thread, and the event loop with it: while A sleeps,
#| B cannot even start, so the two waits add up. `await asyncio.sleep` pauses only
#| the task that awaits it, so C and D wait at the same time. Async only works
#| because of non-blocking behaviour. Watch the red blocking bars.
import asyncio
import time

SECONDS = 3


async def blocking(name):
    print(f"{name} starts")
    time.sleep(SECONDS)  # blocks everything
    print(f"{name} done")


async def non_blocking(name):
    print(f"{name} starts")
    await asyncio.sleep(SECONDS)  # non-blocking
    print(f"{name} done")


async def main():
    print("Blocking: one after another")
    await asyncio.gather(blocking("A"), blocking("B"))
    print("Non-blocking: both wait at the same time")
    await asyncio.gather(non_blocking("C"), non_blocking("D"))


asyncio.run(main())
