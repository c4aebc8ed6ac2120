# asyncio.run's shutdown_asyncgens closes every async generator still alive, however many
# were first iterated and dropped before (the loop forgets the dropped ones as it goes).
import asyncio

closed = []


async def agen(i):
    try:
        yield i
        yield i
    finally:
        if i % 3 == 0:
            closed.append(i)


kept = []


async def main():
    for i in range(300):
        g = agen(i)
        await g.__anext__()
        if i % 3 == 0:
            kept.append(g)
    print("kept", len(kept), "closed so far", len(closed))


asyncio.run(main())
print("closed at shutdown", len(closed), sorted(closed) == list(range(0, 300, 3)))
