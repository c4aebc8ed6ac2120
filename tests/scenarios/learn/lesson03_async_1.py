import asyncio


async def job(name, seconds):
    print(f"{name}: start")
    await asyncio.sleep(seconds)
    print(f"{name}: done")


async def main():
    await asyncio.gather(
        job("Boil the kettle", 3),
        job("Wash the dishes", 2),
        job("Make the toast", 1),
    )
    print("Breakfast is ready")


asyncio.run(main())
