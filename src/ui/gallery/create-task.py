#| slug: create-task
#| title: create_task vs await
#| guide: 18. Remaining asyncio Concepts: create_task vs await
#| knob: asyncio.sleep( | Task time (s) | number 0.5..3 by 0.5
#|
#| `await task()` waits immediately: the current task is suspended until the
#| work is done. `asyncio.create_task(task())` runs it in the background: the
#| new task joins the ready queue and starts as soon as `main` pauses. Here the
#| background task and the awaited one overlap, so both finish after one wait,
#| not two.
import asyncio


async def task(name):
    print(f"{name} starts")
    await asyncio.sleep(1)
    print(f"{name} ends")


async def main():
    background = asyncio.create_task(task("background"))  # background
    print("main continues right away")
    await task("awaited")                                 # wait now
    await background
    print("main done")


asyncio.run(main())
