import asyncio


async def dish(name):
    await asyncio.sleep(1)
    print(f"{name} ready")


async def main():
    await asyncio.gather(dish("Soup"), dish("Rice"), dish("Tea"))
    print("All three ready")


asyncio.run(main())
