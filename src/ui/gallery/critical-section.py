#| slug: critical-section
#| title: Be the scheduler: a homemade lock
#| guide: 11. Related Important Concepts: Race Condition
#| knob: USE_LOCK = | Use threading.Lock | bool
#|
#| Each worker waits while `busy` is True, sets it, works in its critical section and
#| clears it: a lock made of a flag. A normal run never has both workers inside at once.
#| You are the scheduler: get both onto the `# critical section` lines together. (Hint:
#| let each worker read `busy` before either sets it.) Checking the flag and setting it
#| are two steps, and a thread can be switched out between them; a real lock does both
#| at once. Turn on the lock and **Check every schedule**: no schedule prints "both inside!".
import threading
import time

USE_LOCK = False

busy = False
inside = 0
lock = threading.Lock()


def work():
    global busy, inside
    if USE_LOCK:
        lock.acquire()
    else:
        while busy:
            time.sleep(0.001)
        busy = True
    inside += 1  # critical section
    if inside > 1:  # critical section
        print("both inside!")
    inside -= 1
    if USE_LOCK:
        lock.release()
    else:
        busy = False


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
