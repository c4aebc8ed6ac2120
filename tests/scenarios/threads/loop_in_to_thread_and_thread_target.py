# A loop inside a worker thread while the main thread's loop awaits it, and a loop's
# run_forever as a thread's target.
import asyncio
import threading

async def sub(n):
    await asyncio.sleep(0.2)
    return f"sub {n} in {threading.current_thread().name}"

def in_thread(n):
    try:
        asyncio.get_running_loop()
    except RuntimeError as e:
        print("worker:", e)
    return asyncio.run(sub(n))

async def main():
    print(await asyncio.to_thread(in_thread, 1))
    results = await asyncio.gather(asyncio.to_thread(in_thread, 2), asyncio.to_thread(in_thread, 3))
    print(results)

asyncio.run(main())

loop = asyncio.new_event_loop()
loop.call_later(0.3, print, "timer in the loop thread")
loop.call_later(0.4, loop.stop)
t = threading.Thread(target=loop.run_forever)
t.start()
t.join()
print("stopped, running:", loop.is_running())
loop.close()
