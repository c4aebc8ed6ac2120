import asyncio


async def validate(x):
    await asyncio.sleep(1)
    if x < 0:
        raise ValueError(f"negative value: {x}")
    return x


async def main():
    print(await validate(5))
    print(await validate(-3))
    print("not reached")


asyncio.run(main())
