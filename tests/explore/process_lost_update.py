import multiprocessing


def work(v):
    for _ in range(2):
        v.value += 1


if __name__ == "__main__":
    v = multiprocessing.Value("i", 0)
    ps = [multiprocessing.Process(target=work, args=(v,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(v.value)
