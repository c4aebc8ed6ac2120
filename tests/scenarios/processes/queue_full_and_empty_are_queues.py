import queue
from multiprocessing import Queue

q = Queue(maxsize=1)
q.put(1)
try:
    q.put(2, True, 0.05)
except queue.Full:
    print("full is queue.Full")
try:
    Queue().get(True, 0.05)
except queue.Empty:
    print("empty is queue.Empty")
