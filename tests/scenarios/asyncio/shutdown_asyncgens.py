# asyncio.run closes the async generators still suspended when main returns
# (loop.shutdown_asyncgens): their finally blocks run, awaits included, before run returns.
import asyncio

async def stream(name):
    try:
        for i in range(10):
            yield i
            await asyncio.sleep(1)
    finally:
        print(name, "finally at", asyncio.get_running_loop().time())
        await asyncio.sleep(0.5)
        print(name, "cleaned at", asyncio.get_running_loop().time())

kept = []

async def main():
    s = stream("kept")
    print(await s.__anext__(), await s.__anext__())
    kept.append(s)
    async for x in stream("finished"):
        pass
    kept.append(stream("never started"))
    print("main done")

asyncio.run(main())
print("after run")
