import threading

data = threading.local()
data.x = 'main'
results = []

def worker(n):
    print('has x?', hasattr(data, 'x'))
    data.x = n
    results.append((threading.current_thread().name, data.x))

ts = [threading.Thread(target=worker, args=(i,), name=f'w{i}') for i in range(3)]
for t in ts:
    t.start()
    t.join()
print(results, data.x)
try:
    data.nope
except AttributeError as e:
    print('AttributeError')
try:
    threading.local(1)
except TypeError as e:
    print(e)

b = threading.Barrier(3)
outcomes = []
def waiter(i):
    try:
        b.wait()
        outcomes.append(('passed', i))
    except threading.BrokenBarrierError:
        outcomes.append(('broken', i))
ws = [threading.Thread(target=waiter, args=(i,)) for i in range(2)]
for w in ws: w.start()
import time
time.sleep(0.1)
print('n_waiting', b.n_waiting)
b.abort()
for w in ws: w.join()
print(sorted(outcomes))
print('broken?', b.broken)
b.reset()
print('broken after reset?', b.broken)

def hook(args):
    print('hook got', args.exc_type.__name__, args.exc_value, args.thread.name)
threading.excepthook = hook
def bad():
    raise ValueError('oops')
t = threading.Thread(target=bad, name='bad-thread'); t.start(); t.join()
threading.excepthook = threading.__excepthook__

t = threading.Thread(target=lambda: None, name='x')
t.setDaemon(True)
print(t.isDaemon(), t.getName())
t.setName('y')
print(t.name, t.daemon)
try:
    t.isAlive()
except AttributeError as e:
    print(e)
tm = threading.Timer(5, print, args=('timer fired',))
tm.start()
tm.cancel()
tm.join()
print('timer cancelled', tm.finished.is_set())
print(threading.active_count(), [th.name for th in threading.enumerate()])
print(threading.get_ident() == threading.main_thread().ident, threading.get_native_id() > 0)
