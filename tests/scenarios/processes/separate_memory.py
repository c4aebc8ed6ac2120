# Each process has its own memory: the child's changes stay in the child.
from multiprocessing import Process, Queue

counter = [0]

def child(q):
    counter[0] += 100
    q.put(counter[0])

if __name__ == "__main__":
    q = Queue()
    p = Process(target=child, args=(q,))
    p.start()
    print("child saw", q.get())
    p.join()
    print("parent still has", counter[0], "exit code", p.exitcode)
