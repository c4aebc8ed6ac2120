# asyncio.Runner, a failing asyncio.run, and a loop stopped and run again, each in a thread of
# its own: the thread's excepthook reports the failure and the program goes on.
import asyncio, threading

async def boom():
    await asyncio.sleep(0.1)
    raise ValueError("boom in thread")

async def child():
    await asyncio.sleep(0.05)
    return "child ok"

def with_runner():
    with asyncio.Runner() as r:
        print(r.run(child()))
        print(r.run(child()))
        loop = r.get_loop()
        print("running?", loop.is_running())
    print("closed?", loop.is_closed())

def failing():
    asyncio.run(boom())

def restarts():
    loop = asyncio.new_event_loop()
    for i in range(2):
        loop.call_later(0.01, print, "tick", i)
        loop.call_later(0.02, loop.stop)
        loop.run_forever()
    print(loop.run_until_complete(child()))
    loop.close()

for target in (with_runner, failing, restarts):
    t = threading.Thread(target=target, name=target.__name__)
    t.start()
    t.join()
print("end")
