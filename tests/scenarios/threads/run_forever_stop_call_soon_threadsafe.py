import asyncio
import threading

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)

def tick(n):
    print('tick', n, loop.is_running())
    if n < 3:
        loop.call_later(0.5, tick, n + 1)
    else:
        loop.stop()

loop.call_soon(tick, 1)
loop.run_forever()
print('stopped', loop.is_running())

def from_thread():
    loop.call_soon_threadsafe(print, 'from the thread')
    loop.call_soon_threadsafe(loop.stop)

t = threading.Thread(target=from_thread)
loop.call_soon(t.start)
loop.run_forever()
t.join()
try:
    loop.close()
    loop.call_soon(print, 'never')
except RuntimeError as e:
    print(e)
