#| slug: taskgroup-failure
#| title: TaskGroup with a failing task, and except*
#| guide: 14. asyncio.TaskGroup: Error Handling
#| knob: FAILING = | Which task fails | choice "none" "chop" "boil" "plate"
#| knob: FAIL_AFTER = | Fails after (s) | number 0.5..4 by 0.5
#|
#| If one student fails badly, the teacher stops the whole group: when a task in
#| a TaskGroup raises, the group cancels the others and raises an
#| ExceptionGroup. `except*` picks the errors you handle out of that group. Pick
#| which task fails and when: the ones still working are cancelled (the orange
#| marks), the ones already done keep their result.
import asyncio

FAILING = "boil"
FAIL_AFTER = 1.5


async def step(name, seconds):
    await asyncio.sleep(min(seconds, FAIL_AFTER) if name == FAILING else seconds)
    if name == FAILING:
        raise ValueError(f"{name} went wrong")
    print(f"{name} done")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(step("chop", 1))
            tg.create_task(step("boil", 2))
            tg.create_task(step("plate", 3))
        print("All steps done")
    except* ValueError as group:
        for error in group.exceptions:
            print("Handled ValueError:", error)


asyncio.run(main())
