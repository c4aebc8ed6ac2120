#| slug: condition-if
#| title: Every interleaving: `if` instead of `while`
#| guide: 11. Related Important Concepts: Race Condition
#|
#| Two consumers wait on a `Condition` until the list has an item; the producer adds
#| two, one at a time. A consumer that checks with `if` trusts that the item is still there when it
#| wakes up, but another consumer may have taken it first. A normal run prints both
#| items. You are the scheduler: make a consumer crash with `IndexError`. (Hint: let
#| the second consumer arrive just after the producer's first `notify()`.) Then
#| change `if` to `while` and **Check every schedule**.
import threading

items = []
cond = threading.Condition()


def consumer():
    with cond:
        if not items:
            cond.wait()
        print("got", items.pop())


def producer():
    for item in ("a", "b"):
        with cond:
            items.append(item)
            cond.notify()


threads = [threading.Thread(target=consumer), threading.Thread(target=producer),
           threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
