#| slug: common-mistake
#| title: The common mistake: a coroutine without await
#| guide: 13. Coroutine vs Event Loop: Common Beginner Mistake
#|
#| Calling a coroutine function does not run it: `make_tea()` only creates a
#| coroutine object, a recipe nobody cooks. There is no event loop, no task, and
#| the timeline stays empty. Python even warns that the coroutine was never
#| awaited. You need `await make_tea()` inside a coroutine, or
#| `asyncio.run(make_tea())` at the top. Try fixing it.
import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


make_tea()  # WRONG - does NOT run the coroutine
print("No tea: the coroutine never ran")
