import multiprocessing

def waiter(e, v):
    e.wait()
    with v.get_lock():
        v.value += 10

def setter(e, v):
    with v.get_lock():
        v.value += 1
    e.set()

if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    e = multiprocessing.Event()
    v = multiprocessing.Value("i", 0)
    ps = [multiprocessing.Process(target=waiter, args=(e, v)), multiprocessing.Process(target=setter, args=(e, v))]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(v.value)
