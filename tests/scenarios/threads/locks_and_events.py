# Lock, RLock, Event, Semaphore and Condition from threading, used so the output does
# not depend on timing.
import threading

counter = 0
lock = threading.Lock()

def add(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1

ts = [threading.Thread(target=add, args=(500,)) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter", counter)

r = threading.RLock()
with r:
    with r:
        print("re-entered")

ready = threading.Event()
seen = []

def waiter():
    ready.wait()
    seen.append("woke")

w = threading.Thread(target=waiter)
w.start()
ready.set()
w.join()
print(seen, ready.is_set())

sem = threading.BoundedSemaphore(2)
sem.acquire()
sem.acquire()
print("third acquire:", sem.acquire(blocking=False))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)

cond = threading.Condition()
items = []

def take():
    with cond:
        cond.wait_for(lambda: items)
        print("took", items.pop())

c = threading.Thread(target=take)
c.start()
with cond:
    items.append("parcel")
    cond.notify()
c.join()
print("lock is free:", not lock.locked())
