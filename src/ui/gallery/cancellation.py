#| slug: cancellation
#| title: Cancellation
#| guide: 18. Remaining asyncio Concepts: Cancellation
#| knob: CANCEL_AFTER = | Cancel after (s) | number 0.5..4 by 0.5
#|
#| Cancelling stops a running task safely: `t.cancel()` asks, and the next time
#| the task is resumed a `CancelledError` is raised inside it, right where it
#| was waiting. The task can clean up in `except CancelledError` (or `finally`)
#| before it ends. Always clean up resources there.
import asyncio

CANCEL_AFTER = 1


async def task():
    try:
        print("Task starts a 5 second job")
        await asyncio.sleep(5)
        print("Task finished the job")
    except asyncio.CancelledError:
        print("Task was cancelled")
        raise


async def main():
    t = asyncio.create_task(task())
    await asyncio.sleep(CANCEL_AFTER)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("main saw the task end cancelled")


asyncio.run(main())
