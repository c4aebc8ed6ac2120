# Each process runs its own event loop: asyncio.run in the children and the parent.
import asyncio
import multiprocessing

async def tick(name, n):
    for i in range(n):
        await asyncio.sleep(0.1)
    return f"{name} ticked {n}"

def child(name, q):
    q.put(asyncio.run(tick(name, 3)))

if __name__ == "__main__":
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=child, args=(f"child-{i}", q)) for i in range(2)]
    for p in ps:
        p.start()
    print(asyncio.run(tick("parent", 1)))
    got = sorted(q.get() for _ in ps)
    for p in ps:
        p.join()
    print(got, [p.exitcode for p in ps])
