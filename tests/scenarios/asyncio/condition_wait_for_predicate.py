import asyncio

counter = 0


async def watcher(cond, target):
    async with cond:
        value = await cond.wait_for(lambda: counter >= target)
        print(f"watcher({target}) released at counter={counter}, predicate returned {value}")


async def incrementer(cond):
    global counter
    for _ in range(5):
        await asyncio.sleep(1)
        async with cond:
            counter += 1
            print(f"counter = {counter}")
            cond.notify_all()


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(watcher(cond, 2), watcher(cond, 4), watcher(cond, 0), incrementer(cond))


asyncio.run(main())
