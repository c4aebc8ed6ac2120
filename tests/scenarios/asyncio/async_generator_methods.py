# __anext__, asend, athrow and aclose on an async generator; StopAsyncIteration at the end.
import asyncio

async def echo():
    received = None
    try:
        while True:
            try:
                received = yield received
                await asyncio.sleep(0.5)
            except ValueError as e:
                print("echo handled", e)
                received = "after error"
    finally:
        print("echo cleanup at", asyncio.get_running_loop().time())
        await asyncio.sleep(1)
        print("echo cleaned up")

async def main():
    g = echo()
    print(type(g).__name__, g.__aiter__() is g)
    print(await g.__anext__())
    print(await g.asend("hello"))
    print(await g.athrow(ValueError("bad")))
    print(await g.asend("again"))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted")
    await g.aclose()
    fresh = echo()
    try:
        await fresh.asend(1)
    except TypeError as e:
        print(e)

    async def short():
        yield 1
        await asyncio.sleep(0.1)
    s = short()
    print(await anext_or(s), await anext_or(s))

async def anext_or(agen):
    try:
        return await agen.__anext__()
    except StopAsyncIteration:
        return "end"

asyncio.run(main())
