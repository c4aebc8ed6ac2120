# async with over any object with __aenter__/__aexit__, and
# contextlib.asynccontextmanager (an async generator with one yield).
import asyncio
from contextlib import asynccontextmanager

class Pool:
    async def __aenter__(self):
        await asyncio.sleep(0.5)
        print("pool open")
        return self
    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.5)
        print("pool closed", exc_type.__name__ if exc_type else None)
        return exc_type is KeyError

@asynccontextmanager
async def session(n):
    await asyncio.sleep(1)
    print("open", n)
    try:
        yield n * 10
    except ValueError as e:
        print("session", n, "handled", e)
    finally:
        await asyncio.sleep(1)
        print("close", n)

async def user(n):
    async with session(n) as s:
        print("user", n, "has", s)
        await asyncio.sleep(n)
    return n

async def main():
    async with Pool() as p:
        print("inside pool", type(p).__name__)
    async with Pool():
        raise KeyError("suppressed by the pool")
    async with session(1) as a, session(2) as b:
        print("using", a, b)
    async with session(3):
        raise ValueError("handled inside")
    print(await asyncio.gather(user(1), user(2)))
    try:
        async with session(4):
            raise RuntimeError("escapes")
    except RuntimeError as e:
        print("caught", e)
    print("time", asyncio.get_running_loop().time())

asyncio.run(main())
