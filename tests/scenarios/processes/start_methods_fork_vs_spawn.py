# Start methods: under 'spawn' a child re-imports the main module as __mp_main__ (code
# outside the __main__ guard runs again, globals start fresh); under 'fork' it inherits
# the parent's memory.
import multiprocessing as mp

print("module level runs in", __name__)
counter = 0
settings = {"mode": "default"}


def work(tag, n):
    global counter
    counter += n
    print(f"{tag}: __name__={__name__} counter={counter} mode={settings['mode']}")
    print(f"{tag}: process {mp.current_process().name}, start method {mp.get_start_method()}")


if __name__ == "__main__":
    counter = 100
    settings["mode"] = "changed in main"
    for method in ["fork", "spawn"]:
        ctx = mp.get_context(method)
        for i in range(2):
            p = ctx.Process(target=work, args=(method, i + 1))
            p.start()
            p.join()
            print(f"{method} child exited with", p.exitcode)
    # Spawning asked for the start method: the default context is now fixed.
    try:
        mp.set_start_method("spawn")
    except RuntimeError as e:
        print("RuntimeError:", e)
    print("parent counter", counter, settings)
