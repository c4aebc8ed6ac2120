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
#| at once. Turn on the lock and **Check every schedule**.
import threading
import time

USE_LOCK = False

busy = False
lock = threading.Lock()
inside = 0
most = 0


def enter():
    global busy
    if USE_LOCK:
        lock.acquire()
    else:
        while busy:
            time.sleep(0.001)  # wait for the other worker to leave
        busy = True


def leave():
    global busy
    if USE_LOCK:
        lock.release()
    else:
        busy = False


def worker():
    global inside, most
    enter()
    inside += 1  # critical section
    most = max(most, inside)  # critical section
    inside -= 1
    leave()


threads = [threading.Thread(target=worker) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("at most", most, "inside at once")
