# Guide, section 8 (Queues): a queue is a line of work.
from queue import Queue

q = Queue()
q.put("Make tea")
task = q.get()
print(task)
