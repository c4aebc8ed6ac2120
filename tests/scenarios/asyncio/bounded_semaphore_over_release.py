import asyncio


async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    print("locked with one taken:", sem.locked())
    await sem.acquire()
    print("locked with both taken:", sem.locked())
    sem.release()
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("ValueError:", e)
    plain = asyncio.Semaphore(1)
    plain.release()
    plain.release()
    await plain.acquire()
    await plain.acquire()
    await plain.acquire()
    print("plain semaphore over-released then acquired 3 times; locked:", plain.locked())
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)


asyncio.run(main())
