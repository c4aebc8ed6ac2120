import multiprocessing


def transfer(first, second, name):
    with first:
        with second:
            print(name, "done")


if __name__ == "__main__":
    a = multiprocessing.Lock()
    b = multiprocessing.Lock()
    ps = [
        multiprocessing.Process(target=transfer, args=(a, b, "p1")),
        multiprocessing.Process(target=transfer, args=(b, a, "p2")),
    ]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("both done")
