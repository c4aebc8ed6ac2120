import asyncio


async def service(name, cleanup_time):
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(f"{name}: cleaning up for {cleanup_time}s")
        await asyncio.sleep(cleanup_time)
        print(f"{name}: cleanup done")
        raise


async def ignores_cancel():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("ignorer swallows the shutdown cancel")
    return "ignored"


async def main():
    asyncio.create_task(service("db", 2))
    asyncio.create_task(service("cache", 1))
    asyncio.create_task(ignores_cancel())
    await asyncio.sleep(0.5)
    print("main done")


asyncio.run(main())
print("program finished")
