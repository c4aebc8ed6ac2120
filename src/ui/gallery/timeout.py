#| slug: timeout
#| title: Timeouts with wait_for
#| guide: 18. Remaining asyncio Concepts: Timeouts (asyncio.wait_for)
#| knob: WORK = | Work time (s) | number 0.5..6 by 0.5
#| knob: TIMEOUT = | Timeout (s) | number 0.5..6 by 0.5
#|
#| `asyncio.wait_for` stops waiting if a task takes too long: when the timeout
#| passes, the work is cancelled and `TimeoutError` is raised in the waiter.
#| Make the work shorter than the timeout and it finishes normally.
import asyncio

WORK = 5
TIMEOUT = 2


async def work():
    await asyncio.sleep(WORK)
    return "work done"


async def main():
    try:
        print(await asyncio.wait_for(work(), timeout=TIMEOUT))
    except asyncio.TimeoutError:
        print("Timeout!")


asyncio.run(main())
