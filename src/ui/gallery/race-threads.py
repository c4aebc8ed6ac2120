#| slug: race-threads
#| title: Every interleaving: the lost update
#| guide: 11. Related Important Concepts: Race Condition
#| knob: USE_LOCK = | Use the lock | bool
#|
#| Two threads each add 1 to `counter` twice, so it should end at 4. A normal run
#| does print 4: each thread finishes before the GIL changes hands. But `counter += 1`
#| is three steps (read `counter`, add 1, write `counter`), and a thread can be
#| switched out between them. Press **Explore** to run every schedule and see the
#| ones that lose an update, or **Be the scheduler** and lose one yourself. Then turn
#| on the lock and **Check every schedule**.
import threading

USE_LOCK = False

counter = 0
lock = threading.Lock()


def work():
    global counter
    for _ in range(2):
        if USE_LOCK:
            with lock:
                counter += 1
        else:
            counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter)
