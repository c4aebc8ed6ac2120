import multiprocessing


def produce(q, name):
    q.put(name)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    ps = [multiprocessing.Process(target=produce, args=(q, name)) for name in "ab"]
    for p in ps:
        p.start()
    got = [q.get(), q.get()]
    for p in ps:
        p.join()
    print(*got)
