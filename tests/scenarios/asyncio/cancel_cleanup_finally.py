import asyncio

resources = []


async def use_resource(name):
    resources.append(name)
    print(f"{name} acquired")
    try:
        await asyncio.sleep(5)
        print(f"{name} finished")
    finally:
        resources.remove(name)
        print(f"{name} released in finally")


async def main():
    tasks = [asyncio.create_task(use_resource(f"r{i}")) for i in range(3)]
    await asyncio.sleep(1)
    tasks[1].cancel()
    await asyncio.sleep(0)
    print("open resources:", resources)
    await asyncio.gather(*tasks, return_exceptions=True)
    print("open resources:", resources)


asyncio.run(main())
