# Misuses of the coroutine protocol raise CPython's errors.
import asyncio, types

async def job():
    await asyncio.sleep(0)
    return "done"

c = job()
try:
    c.send(5)
except TypeError as e:
    print("TypeError:", e)
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("StopIteration", e.value)

class NotIter:
    def __await__(self):
        return 42

class ReturnsCoro:
    def __await__(self):
        return job()

def plain_gen():
    yield 1

async def try_await(label, make):
    try:
        await make()
    except TypeError as e:
        print(label, "TypeError:", e)

async def stubborn():
    try:
        await asyncio.sleep(1)
    except GeneratorExit:
        await asyncio.sleep(1)

async def raises_stop():
    raise StopIteration("inside")

async def main():
    await try_await("int", lambda: 3)
    await try_await("non-iterator", NotIter)
    await try_await("coroutine", ReturnsCoro)
    await try_await("generator", plain_gen)
    s = stubborn()
    s.send(None)
    try:
        s.close()
    except RuntimeError as e:
        print("RuntimeError:", e)
    try:
        await raises_stop()
    except RuntimeError as e:
        print("RuntimeError:", e, "from", repr(e.__cause__))

asyncio.run(main())

@types.coroutine
def switch():
    yield

async def ping(name, n):
    for i in range(n):
        print(name, i)
        await switch()

async def both():
    await asyncio.gather(ping("a", 3), ping("b", 2))

asyncio.run(both())
