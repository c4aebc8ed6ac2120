#| slug: deadlock-threads
#| title: Be the scheduler: two locks, opposite order
#| guide: 11. Related Important Concepts: Deadlock
#| knob: SAME_ORDER = | Take the locks in the same order | bool
#|
#| Two workers each take two locks: one takes `a` then `b`, the other `b` then `a`.
#| Run it and it finishes every time: the first worker is done before the second starts. You are
#| the scheduler now: pick which thread goes next at each step, and make them
#| deadlock. (Hint: let each thread take its first lock.) Then make both take the
#| locks in the same order and **Check every schedule**.
import threading

SAME_ORDER = False

a = threading.Lock()
b = threading.Lock()


def worker(first, second):
    with first:
        with second:
            print("has both")


threads = [threading.Thread(target=worker, args=(a, b)),
           threading.Thread(target=worker, args=(a, b) if SAME_ORDER else (b, a))]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("done")
