import asyncio


async def boil_water():
    print("Kettle on")
    await asyncio.sleep(3.5)
    print("Water boiled")


async def chop(carrots):
    for i in range(1, carrots + 1):
        await asyncio.sleep(1)
        print(f"Chopped carrot {i}")


async def main():
    await asyncio.gather(boil_water(), chop(5))


asyncio.run(main())
