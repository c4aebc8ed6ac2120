# Guide section 4 (Coroutines): the boil_water coroutine, made runnable.
import asyncio


async def boil_water():
    await asyncio.sleep(3)


print("Putting the kettle on")
asyncio.run(boil_water())
print("Water boiled")
