#| slug: shield
#| title: Shielding a task from cancellation
#| guide: 18. Remaining asyncio Concepts: Shielding tasks (asyncio.shield)
#| knob: TIMEOUT = | Timeout (s) | number 0.5..4 by 0.5
#|
#| `asyncio.shield` protects a task from cancellation. Here `main` gives up
#| waiting after the timeout, which cancels what it awaits: only the shield, not
#| the task inside it. The task keeps running and finishes its work, and `main`
#| can still collect the result later. Used rarely, but useful in clean-up.
import asyncio

TIMEOUT = 1


async def long_task():
    await asyncio.sleep(2)
    print("long_task finished")
    return "result"


async def main():
    task = asyncio.create_task(long_task())
    try:
        print(await asyncio.wait_for(asyncio.shield(task), timeout=TIMEOUT))
    except asyncio.TimeoutError:
        print("main stopped waiting; the task goes on")
        print("later:", await task)


asyncio.run(main())
