import asyncio, inspect, types

async def add(a, b):
    return a + b

c = add(1, 2)
print(type(c).__name__, asyncio.iscoroutine(c), inspect.iscoroutine(c))
try:
    c.send(None)
except StopIteration as e:
    print("finished with", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError:", e)

class Sleepy:
    def __await__(self):
        yield
        return 42

async def waits():
    v = await Sleepy()
    print("Sleepy gave", v)
    return v * 2

co = waits()
print(co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print("waits returned", e.value)

@types.coroutine
def legacy():
    x = yield "hello"
    return x

async def uses_legacy():
    r = await legacy()
    return r

u = uses_legacy()
print(u.send(None))
try:
    u.send("world")
except StopIteration as e:
    print("legacy result", e.value)

async def never():
    await asyncio.sleep(1)

n = never()
n.close()
print("closed")

async def catches():
    try:
        await Sleepy()
    except ValueError as e:
        print("caught", e)
        return "recovered"

k = catches()
k.send(None)
try:
    k.throw(ValueError("boom"))
except StopIteration as e:
    print("throw result", e.value)

def gen():
    yield 1

print(asyncio.iscoroutinefunction(add), asyncio.iscoroutinefunction(gen))
print(inspect.iscoroutinefunction(add), inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(add))
a3 = add(1, 2)
print(inspect.iscoroutinefunction(legacy), inspect.isawaitable(a3))
a3.close()

async def main():
    print(await Sleepy() if False else "skip")
    r = await asyncio.gather(uses_legacy_plain(), waits2())
    print(r)

async def waits2():
    return await Fut()

class Fut:
    def __await__(self):
        return (yield from asyncio.sleep(0.5, "slept").__await__())

async def uses_legacy_plain():
    return "plain"

asyncio.run(main())
