# Process names and current_process(); join-ordered output.
from multiprocessing import Process, current_process, Queue

def report(q):
    q.put(current_process().name)

if __name__ == "__main__":
    q = Queue()
    ps = [Process(target=report, args=(q,)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    names = sorted(q.get() for _ in range(3))
    print(names)
    print(current_process().name)
    named = Process(target=report, args=(q,), name="kitchen")
    named.start()
    named.join()
    print(q.get(), named.exitcode)
