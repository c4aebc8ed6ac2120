# The classic lesson of the spawn start method (the default on macOS and Windows): each
# child imports the main module again, so what is outside `if __name__ == "__main__":`
# runs once per child, and the parent's changes to globals are not seen.
import multiprocessing
import time

print(f"loading the module as {__name__}")
TABLE = {"scale": 1}


def scaled(x):
    time.sleep(0.05)  # long enough for both pool workers to be up
    return x * TABLE["scale"]


def report(results):
    print("results:", results)


if __name__ == "__main__":
    multiprocessing.set_start_method("spawn")
    TABLE["scale"] = 10
    print("parent scale", scaled(1))
    with multiprocessing.Pool(2) as pool:
        report(pool.map(scaled, [1, 2, 3, 4], chunksize=1))
    p = multiprocessing.Process(target=report, args=([scaled(5)],))
    p.start()
    p.join()
    print("start method:", multiprocessing.get_start_method(), "exit code:", p.exitcode)
