# A subclass names its instances ClassName-N; a child's children count from 1 (Process-2:1);
# sys.exit(n) and an exception set the exit code.
import multiprocessing
import sys


class Worker(multiprocessing.Process):
    def run(self):
        print("run in", self.name, multiprocessing.current_process().name)


def inner():
    print("inner is", multiprocessing.current_process().name)


def outer():
    p = multiprocessing.Process(target=inner)
    p.start()
    p.join()
    sys.exit(3)


def fails():
    sys.exit()


if __name__ == "__main__":
    w = Worker()
    w.start()
    w.join()
    o = multiprocessing.Process(target=outer)
    o.start()
    o.join()
    f = multiprocessing.Process(target=fails)
    f.start()
    f.join()
    print(w.name, w.exitcode, o.name, o.exitcode, f.exitcode)
    print(multiprocessing.get_start_method(), multiprocessing.get_context("spawn").Process.__name__)
    try:
        multiprocessing.set_start_method("spawn")
    except RuntimeError as e:
        print("RuntimeError:", e)
    ctx = multiprocessing.get_context("fork")
    c = ctx.Process(target=inner)
    print(c.name)
