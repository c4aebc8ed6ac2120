# Value and Array live in shared memory: children's stores are seen by the parent;
# get_lock() makes a read-modify-write atomic; a plain global is copied by fork.
from multiprocessing import Process, Value, Array, RawValue

counter_plain = 0


def add(total, arr, n):
    global counter_plain
    for _ in range(n):
        with total.get_lock():
            total.value += 1
        counter_plain += 1
    arr[0] = arr[0] + 1


if __name__ == "__main__":
    total = Value('i', 0)
    arr = Array('d', 3)
    procs = [Process(target=add, args=(total, arr, 50)) for _ in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print(total.value, arr[:], len(arr), counter_plain)
    print(total, RawValue('d', 2))
    small = Value('b', 127, lock=False)
    small.value += 1
    print(small.value, small)
    a = Array('i', range(5))
    a[1:3] = [7, 8]
    print(list(a), a[-1])
    try:
        a[9]
    except IndexError as e:
        print("IndexError:", e)
