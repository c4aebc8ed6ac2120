#| slug: deadlock-threads
#| title: Be the scheduler: two locks, opposite order
#| guide: 11. Related Important Concepts: Deadlock
#| knob: SAME_ORDER = | Take the locks in the same order | bool
#|
#| One thread takes lock `a` then `b`; the other takes `b` then `a`. Run it and it
#| finishes every time: the first thread is done before the second starts. You are
#| the scheduler now: pick which thread goes next at each step, and make them
#| deadlock. (Hint: let each thread take its first lock.) Then make both take the
#| locks in the same order and **Check every schedule**.
import threading

SAME_ORDER = False

a = threading.Lock()
b = threading.Lock()


def one():
    with a:
        with b:
            print("one has both")


def two():
    first, second = (a, b) if SAME_ORDER else (b, a)
    with first:
        with second:
            print("two has both")


t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print("done")
