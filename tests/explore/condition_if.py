import threading

items = []
cond = threading.Condition()
got = []

def consumer():
    with cond:
        if not items:          # should be `while not items:`
            cond.wait()
        got.append(items.pop(0))

def producer():
    for i in range(2):
        with cond:
            items.append(i)
            cond.notify()

threads = [threading.Thread(target=consumer), threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(got))
