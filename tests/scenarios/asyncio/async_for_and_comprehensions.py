# async for over async generators and over a class with __aiter__/__anext__;
# asynchronous comprehensions and await inside comprehensions; break, else, and tasks
# interleaving with an async generator.
import asyncio

class Countdown:
    def __init__(self, n):
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.n <= 0:
            raise StopAsyncIteration
        await asyncio.sleep(0.5)
        self.n -= 1
        return self.n

async def numbers(label, n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        print(f"{label} yields {i}")
        yield i

async def square(x):
    await asyncio.sleep(0.1)
    return x * x

async def consume(label, n, delay):
    total = 0
    async for i in numbers(label, n, delay):
        total += i
    return total

async def main():
    async for c in Countdown(3):
        print("countdown", c)
    else:
        print("countdown finished")
    print([x async for x in numbers("list", 2, 1)])
    print({x: x * 2 async for x in Countdown(2)})
    print({x async for x in Countdown(2) if x})
    print([await square(x) for x in range(3)])
    print([y async for x in numbers("nested", 2, 0) for y in range(x + 1)])
    evens = (x async for x in numbers("genexp", 4, 0.5) if x % 2 == 0)
    print(type(evens).__name__)
    async for e in evens:
        print("even", e)
    async for i in numbers("breaking", 5, 0):
        if i == 1:
            break
    print("broke out")
    print(await asyncio.gather(consume("A", 3, 1), consume("B", 2, 1.5)))
    try:
        async for _ in 5:
            pass
    except TypeError as e:
        print(e)
    print("time", asyncio.get_running_loop().time())

asyncio.run(main())
