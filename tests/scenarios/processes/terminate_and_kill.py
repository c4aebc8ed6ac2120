# terminate() stops a child where it is (exitcode -15), kill() with -9; reprs show it.
import multiprocessing
import time


def sleeper():
    time.sleep(5)
    print("never printed")


def quick(n):
    return n


if __name__ == "__main__":
    t = multiprocessing.Process(target=sleeper)
    k = multiprocessing.Process(target=sleeper, name="victim")
    ok = multiprocessing.Process(target=quick, args=(1,))
    print(t.exitcode, t.is_alive())
    for p in (t, k, ok):
        p.start()
    time.sleep(0.5)
    t.terminate()
    k.kill()
    for p in (t, k, ok):
        p.join()
        print(p.name, p.exitcode, p.is_alive(), p.pid is not None)
    print(repr(t).split(" pid=")[0], repr(t).split(" ")[-2:])
    print(repr(k).split(" ")[-2:])
