# The helpers the runtime's Python parts call live in private modules (`_asyncio`,
# `_thread`, `_queue`), as CPython's do, not as attributes of the public modules; the
# features that use them still work.
import asyncio
import queue
import threading

for name in ["_executor_call", "_resource", "_waiter_future", "_notified", "_release_waiter"]:
    print("asyncio", name, hasattr(asyncio, name))
for name in ["_start", "_join", "_current_tid", "_ident_of", "_thread_object", "_active_count"]:
    print("threading", name, hasattr(threading, name))
for name in ["_queue_resource", "_queue_event", "_heappush", "_heappop", "Lock", "Condition"]:
    print("queue", name, hasattr(queue, name))

q = queue.PriorityQueue()


def worker():
    q.put((2, "b"))
    q.put((1, "a"))


t = threading.Thread(target=worker, name="worker")
t.start()
t.join()
print(threading.current_thread().name, t.name, t.is_alive(), threading.active_count())
print(q.get(), q.get(), q.empty())


def work(x):
    return x * 2


async def main():
    # to_thread runs `work` on the default executor's worker thread.
    print("to_thread:", await asyncio.to_thread(work, 21))
    cond = asyncio.Condition()

    async def waiter():
        async with cond:
            await cond.wait()
            print("woken")

    task = asyncio.create_task(waiter())
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify_all()
    await task


asyncio.run(main())
