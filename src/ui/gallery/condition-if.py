#| slug: condition-if
#| title: Every interleaving: `if` instead of `while`
#| guide: 11. Related Important Concepts: Race Condition
#| knob: USE_WHILE = | Check with while | bool
#|
#| Two consumers wait on a `Condition` until the list has an item; the producer adds
#| two, one at a time. A consumer that checks with `if` trusts that the item is still there when it
#| wakes up, but another consumer may have taken it first. A normal run prints both
#| items. You are the scheduler: make a consumer crash with `IndexError`. (Hint: let
#| the second consumer arrive just after the producer's first `notify()`.) Then
#| check with `while` and **Check every schedule**.
import threading

USE_WHILE = False

items = []
cond = threading.Condition()


def consumer():
    with cond:
        if USE_WHILE:
            while not items:
                cond.wait()
        elif not items:
            cond.wait()
        print("got", items.pop())


def producer():
    for item in ("a", "b"):
        with cond:
            items.append(item)
            cond.notify()


c1 = threading.Thread(target=consumer)
c2 = threading.Thread(target=consumer)
p = threading.Thread(target=producer)
c1.start()
p.start()
c2.start()
c1.join()
c2.join()
p.join()
