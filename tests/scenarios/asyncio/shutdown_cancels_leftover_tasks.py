import asyncio


async def background(name, delay):
    try:
        while True:
            await asyncio.sleep(delay)
            print(f"{name} tick")
    except asyncio.CancelledError:
        print(f"{name} cancelled at shutdown")
        raise
    finally:
        print(f"{name} finally")


async def main():
    asyncio.create_task(background("first", 0.4))
    asyncio.create_task(background("second", 0.3))
    asyncio.create_task(background("third", 10))
    await asyncio.sleep(1)
    print("main returns; leftover tasks get cancelled")


asyncio.run(main())
print("after asyncio.run")
