import asyncio


async def child(name):
    print(f"{name} started")
    await asyncio.sleep(0)
    print(f"{name} resumed")


async def main():
    t1 = asyncio.create_task(child("first"))
    t2 = asyncio.create_task(child("second"))
    print("created both; creator still running")
    for i in range(3):
        print(f"creator busy {i}")
    print("creator yields")
    await asyncio.sleep(0)
    print("creator back")
    await t1
    await t2
    print("done")


asyncio.run(main())
