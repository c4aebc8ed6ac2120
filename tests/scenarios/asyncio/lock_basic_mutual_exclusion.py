import asyncio

lock = asyncio.Lock()
shared = []


async def writer(name, count):
    for i in range(count):
        async with lock:
            print(f"{name} holds the lock (locked={lock.locked()})")
            shared.append(f"{name}{i}")
            await asyncio.sleep(0.5)
        await asyncio.sleep(0)


async def main():
    print("locked before:", lock.locked())
    await asyncio.gather(writer("A", 2), writer("B", 2), writer("C", 1))
    print(shared)
    print("locked after:", lock.locked())


asyncio.run(main())
