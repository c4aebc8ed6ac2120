# threading.local subclasses: each thread has its own attributes, and __init__ runs again
# (with the constructor's arguments) in each thread that first touches the object.
import threading
inits = []
class MyLocal(threading.local):
    initialized = False
    def __init__(self, **kw):
        if self.initialized:
            raise SystemError('__init__ called too many times')
        self.initialized = True
        for k, v in kw.items():
            setattr(self, k, v)
        inits.append(threading.current_thread().name)
    def squared(self):
        return self.number ** 2
mydata = MyLocal(color='red')
mydata.number = 42
print(mydata.color, mydata.number, mydata.squared(), inits)
log = []
def f():
    items = sorted(k for k in ('color', 'number') if hasattr(mydata, k))
    log.append(items)
    mydata.number = 11
    log.append(mydata.number)
    log.append(mydata.squared())
thread = threading.Thread(target=f)
thread.start()
thread.join()
print(log, mydata.number, inits)
del mydata.number
print(hasattr(mydata, 'number'), hasattr(mydata, 'color'))
class Counter(threading.local):
    count = 0
    def incr(self):
        self.count += 1
        return self.count
c = Counter()
def g():
    print("g", c.incr(), c.incr())
ts = [threading.Thread(target=g) for _ in range(2)]
for t in ts: t.start()
for t in ts: t.join()
print("main", c.incr(), isinstance(c, threading.local), type(c).__name__)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
