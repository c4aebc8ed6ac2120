# The classes of the runtime's objects, as type() and isinstance() see them.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    for obj in [asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(2), asyncio.BoundedSemaphore(),
                asyncio.Queue(), asyncio.PriorityQueue(), asyncio.LifoQueue(), loop.create_future(),
                asyncio.Future()]:
        cls = type(obj)
        print(cls.__name__, cls.__module__, bool(obj), isinstance(obj, cls))
    task = asyncio.current_task()
    print(type(task).__name__, isinstance(task, asyncio.Future), isinstance(task, asyncio.Task))
    print(type(asyncio.Lock).__name__, asyncio.Future.__module__, asyncio.Task.__module__)
    handle = loop.call_soon(print, "called")
    timer = loop.call_later(1, print, "timer")
    print(isinstance(timer, type(handle)), timer.when(), hasattr(handle, "when"))
    timer.cancel()
    print(timer.cancelled(), handle.cancelled())
    await asyncio.sleep(0)
    q = asyncio.Queue(3)
    print(q.maxsize, q.qsize(), q.empty())


asyncio.run(main())
