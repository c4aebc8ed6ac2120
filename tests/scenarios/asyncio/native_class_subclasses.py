# Subclasses of asyncio's classes: overrides calling super(), the rest inherited; `async
# with` awaits an overridden acquire(); reprs name the subclass (addresses cut out).
import asyncio


def show(obj):
    r = repr(obj)
    i = r.find(" at 0x")
    return r if i < 0 else r[:i] + r[r.find(" ", i + 4):]


class MyQueue(asyncio.Queue):
    async def put(self, item):
        print("put", item)
        await super().put(item)

    async def get(self):
        item = await super().get()
        print("got", item)
        return item


class CountingQueue(asyncio.PriorityQueue):
    def __init__(self):
        super().__init__(maxsize=3)
        self.puts = 0

    def put_nowait(self, item):
        self.puts += 1
        super().put_nowait(item)


class MyLock(asyncio.Lock):
    async def acquire(self):
        print("acquire")
        return await super().acquire()

    def release(self):
        print("release")
        super().release()


class MyEvent(asyncio.Event):
    def set(self):
        print("set!")
        super().set()


class MySemaphore(asyncio.Semaphore):
    async def acquire(self):
        print("sem acquire")
        return await super().acquire()


class MyFuture(asyncio.Future):
    def describe(self):
        return "mine, done=%s" % self.done()


class MyTask(asyncio.Task):
    pass


async def work(n):
    await asyncio.sleep(0)
    return n * 10


async def consumer(q):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            return


async def main():
    q = MyQueue(maxsize=2)
    c = asyncio.create_task(consumer(q))
    for i in [1, 2, None]:
        await q.put(i)
    await q.join()
    await c
    print(q.qsize(), q.empty(), q.full(), q.maxsize, show(q), isinstance(q, asyncio.Queue))

    pq = CountingQueue()
    pq.put_nowait((2, "b"))
    pq.put_nowait((1, "a"))
    print(pq.puts, pq.qsize(), pq.get_nowait(), show(pq), pq.maxsize)

    lock = MyLock()
    async with lock:
        print("locked", lock.locked(), show(lock))
    print(show(lock))
    cond = asyncio.Condition(lock)
    async with cond:
        print("condition holds the lock", lock.locked())

    e = MyEvent()
    asyncio.get_running_loop().call_soon(e.set)
    await e.wait()
    print(e.is_set(), show(e))

    s = MySemaphore(2)
    async with s:
        print(show(s))
    print(show(s))

    f = MyFuture()
    print(show(f), f.describe(), isinstance(f, asyncio.Future))
    f.add_done_callback(lambda fut: print("callback", fut.result()))
    asyncio.get_running_loop().call_soon(f.set_result, 5)
    print(await f, f.result(), f.describe(), show(f))
    await asyncio.sleep(0)

    t = MyTask(work(4))
    print(await t, t.done(), t.result(), isinstance(t, asyncio.Task))

    # A subclass's future is a future for the rest of asyncio; callbacks get the instance.
    loop = asyncio.get_running_loop()
    g = MyFuture()
    g.add_done_callback(lambda fut: print("callback got", type(fut).__name__, fut is g))
    loop.call_soon(g.set_result, 3)
    print(await asyncio.gather(g, work(1)))
    h = MyFuture()
    loop.call_later(0.5, h.set_result, "late")
    print(await asyncio.wait_for(h, 1), asyncio.ensure_future(h) is h, asyncio.isfuture(h))
    k = MyFuture()
    k.cancel()
    print(k.cancelled(), show(k))


asyncio.run(main())
