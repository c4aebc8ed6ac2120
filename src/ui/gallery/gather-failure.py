#| slug: gather-failure
#| title: gather with a failing task
#| guide: 14. asyncio.TaskGroup: TaskGroup vs gather
#| knob: FAILING = | Which task fails | choice "none" "chop" "boil" "plate"
#| knob: RETURN_EXCEPTIONS = | return_exceptions | bool
#|
#| With `asyncio.gather`, if one task fails, behaviour can be confusing: the
#| first error reaches `main` at once, but the other tasks keep running in the
#| background (they are not cancelled). With `return_exceptions=True` the error
#| comes back as a value in the results instead. Compare with the TaskGroup
#| example, which cancels the others.
import asyncio

FAILING = "boil"
RETURN_EXCEPTIONS = False


async def step(name, seconds):
    await asyncio.sleep(seconds)
    if name == FAILING:
        raise ValueError(f"{name} went wrong")
    print(f"{name} done")
    return name


async def main():
    try:
        results = await asyncio.gather(
            step("chop", 1),
            step("boil", 2),
            step("plate", 3),
            return_exceptions=RETURN_EXCEPTIONS,
        )
        print("Results:", results)
    except ValueError as error:
        print("main caught:", error)
        await asyncio.sleep(2)
        print("main done waiting")


asyncio.run(main())
