import asyncio


async def job(name, seconds):
    print(f"{name}: start")
    await asyncio.sleep(seconds)
    print(f"{name}: done")


async def main():
    await job("Boil the kettle", 3)
    await job("Wash the dishes", 2)
    await job("Make the toast", 1)
    print("Breakfast is ready")


asyncio.run(main())
