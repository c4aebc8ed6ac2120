# A producer thread and two consumer threads share a queue.Queue; join() waits for
# every item to be marked done.
import threading
import queue

q = queue.Queue(maxsize=3)
done = []
lock = threading.Lock()

def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with lock:
            done.append(item * item)
        q.task_done()

workers = [threading.Thread(target=consumer) for _ in range(2)]
for w in workers:
    w.start()
for i in range(10):
    q.put(i)
for _ in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print(sorted(done))
print("empty:", q.empty(), "unfinished:", q.unfinished_tasks)
