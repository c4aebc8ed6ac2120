import asyncio


async def source(out_q):
    for i in range(1, 5):
        await out_q.put(i)
        print(f"source -> {i}")
        await asyncio.sleep(0.2)
    await out_q.put(None)


async def square(in_q, out_q):
    while True:
        x = await in_q.get()
        if x is None:
            await out_q.put(None)
            break
        await asyncio.sleep(0.5)
        await out_q.put(x * x)
        print(f"square {x} -> {x * x}")


async def sink(in_q):
    results = []
    while True:
        y = await in_q.get()
        if y is None:
            break
        results.append(y)
        print(f"sink got {y}")
    return results


async def main():
    q1 = asyncio.Queue(maxsize=1)
    q2 = asyncio.Queue(maxsize=1)
    _, _, results = await asyncio.gather(source(q1), square(q1, q2), sink(q2))
    print("results", results, "sum", sum(results))


asyncio.run(main())
