# The classic pattern: an event loop running forever in a background thread, fed
# from the main thread with run_coroutine_threadsafe and stopped with
# call_soon_threadsafe(loop.stop).
import asyncio
import threading

loop = asyncio.new_event_loop()

def run_loop():
    asyncio.set_event_loop(loop)
    print("loop thread running:", loop.is_running())
    loop.run_forever()
    print("loop thread: run_forever returned")

t = threading.Thread(target=run_loop, name="loop-thread")
t.start()

async def compute(x):
    await asyncio.sleep(0.5)
    return x * 2, threading.current_thread().name

async def fail():
    await asyncio.sleep(0.1)
    raise KeyError("missing")

fut = asyncio.run_coroutine_threadsafe(compute(21), loop)
print("result:", fut.result())
bad = asyncio.run_coroutine_threadsafe(fail(), loop)
try:
    bad.result(timeout=5)
except KeyError as e:
    print("error:", repr(e))
print("is_running from main:", loop.is_running())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("main thread:", e)
coro = compute(1)
try:
    loop.run_until_complete(coro)
except RuntimeError as e:
    print("main thread:", e)
coro.close()
loop.call_soon_threadsafe(loop.stop)
t.join()
print("after join: running", loop.is_running(), "closed", loop.is_closed())
loop.close()
print("closed", loop.is_closed())
