# Guide section 13, "Common Beginner Mistake": calling the coroutine function
# only creates a coroutine object; nothing runs (CPython also warns on stderr
# that the coroutine was never awaited).
import asyncio


async def make_tea():
    await asyncio.sleep(3)
    print("Tea ready")


make_tea()  # WRONG - does NOT run the coroutine
print("No tea: the coroutine never ran")
