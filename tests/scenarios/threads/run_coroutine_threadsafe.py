# run_coroutine_threadsafe from a worker thread: its concurrent future's result and
# exception; wrap_future makes an executor's future awaitable.
import asyncio
import threading
import concurrent.futures
import time

async def compute(x):
    await asyncio.sleep(0.1)
    return x * 2

async def fails():
    await asyncio.sleep(0.05)
    raise ValueError("bad")

def worker(loop):
    fut = asyncio.run_coroutine_threadsafe(compute(21), loop)
    print("result from thread:", fut.result(), type(fut).__name__)
    bad = asyncio.run_coroutine_threadsafe(fails(), loop)
    try:
        bad.result()
    except ValueError as e:
        print("error from thread:", e)
    return "worker done"

async def main():
    loop = asyncio.get_running_loop()
    print(await asyncio.to_thread(worker, loop))
    with concurrent.futures.ThreadPoolExecutor() as pool:
        cf = pool.submit(time.sleep, 0.2)
        wrapped = asyncio.wrap_future(cf)
        print(isinstance(wrapped, asyncio.Future), await wrapped)
    try:
        asyncio.run_coroutine_threadsafe(42, loop)
    except TypeError as e:
        print(e)

asyncio.run(main())

