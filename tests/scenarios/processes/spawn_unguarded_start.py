# Forgetting `if __name__ == "__main__":` under spawn: the child, re-running the module,
# reaches `p.start()` again and multiprocessing refuses (a RuntimeError in the child,
# which exits 1), instead of spawning children for ever.
import multiprocessing as mp

print("top of module as", __name__)


def f():
    print("in child")


mp.set_start_method("spawn", force=True)
p = mp.Process(target=f)
p.start()
p.join()
print("child exit code", p.exitcode)
