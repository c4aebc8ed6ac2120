#| slug: event-loop
#| title: Coroutines and the event loop
#| guide: 13. Coroutine vs Event Loop
#| knob: asyncio.sleep( | Boiling time (s) | number 0.5..5 by 0.5
#|
#| A coroutine is a recipe step that can pause and resume later: "I'm boiling
#| water, call me when it's ready." Coroutines don't run themselves; the event
#| loop runs them. `asyncio.run` creates the loop, runs `make_tea` as its first
#| task, and manages the pausing and resuming. Coroutine = what to do; event
#| loop = when to do it.
import asyncio


async def make_tea():
    print("Water on the stove")
    await asyncio.sleep(3)
    print("Tea ready")


asyncio.run(make_tea())
