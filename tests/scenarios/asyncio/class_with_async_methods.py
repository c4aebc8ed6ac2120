import asyncio


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = asyncio.Lock()

    async def increment(self, who):
        async with self.lock:
            current = self.value
            await asyncio.sleep(0.1)
            self.value = current + 1
            print(f"{who} -> {self.value}")


class Worker:
    def __init__(self, name, counter, times):
        self.name = name
        self.counter = counter
        self.times = times

    async def run(self):
        for _ in range(self.times):
            await self.counter.increment(self.name)
        return f"{self.name} did {self.times}"


async def main():
    counter = Counter()
    workers = [Worker(n, counter, t) for n, t in (("x", 2), ("y", 3), ("z", 1))]
    print(await asyncio.gather(*(w.run() for w in workers)))
    print("final", counter.value)


asyncio.run(main())
