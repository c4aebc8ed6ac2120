#| slug: taskgroup
#| title: TaskGroup: run tasks as a group
#| guide: 14. asyncio.TaskGroup
#| knob: FIRST = | Task 1 time (s) | number 0.5..4 by 0.5
#| knob: SECOND = | Task 2 time (s) | number 0.5..4 by 0.5
#|
#| A TaskGroup is like a school project team: all the students start together,
#| and the group finishes only when everyone is done. Both tasks start at once;
#| the shorter one finishes first, and `async with` exits only after all tasks
#| finish. On the timeline, the two tasks sit under main, their parent.
import asyncio

FIRST = 2
SECOND = 1


async def task1():
    await asyncio.sleep(FIRST)
    print("Task 1 done")


async def task2():
    await asyncio.sleep(SECOND)
    print("Task 2 done")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(task1())
        tg.create_task(task2())
    print("TaskGroup finished")


asyncio.run(main())
