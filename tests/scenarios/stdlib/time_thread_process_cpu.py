# time.thread_time() and time.process_time() count CPU, not sleeping: a thread that
# sleeps uses (almost) none, one that computes uses some; the process's total covers
# every thread's work.
import threading
import time


def spin(n):
    total = 0
    for i in range(n):
        total += i
    return total


results = {}


def worker(name, work, nap):
    t0 = time.thread_time()
    t0_ns = time.thread_time_ns()
    spin(work)
    time.sleep(nap)
    used = time.thread_time() - t0
    used_ns = time.thread_time_ns() - t0_ns
    results[name] = (used, used_ns)


p0 = time.process_time()
m0 = time.thread_time()
threads = [
    threading.Thread(target=worker, args=("sleeper", 0, 2.0)),
    threading.Thread(target=worker, args=("spinner", 300000, 0.0)),
]
for t in threads:
    t.start()
for t in threads:
    t.join()
main_used = time.thread_time() - m0
process_used = time.process_time() - p0

sleeper, spinner = results["sleeper"], results["spinner"]
print("types:", type(time.thread_time()).__name__, type(time.thread_time_ns()).__name__,
      type(time.process_time()).__name__, type(time.process_time_ns()).__name__)
print("sleeping costs no CPU:", sleeper[0] < 0.01)
print("spinning costs CPU:", spinner[0] > 0.001)
print("the spinner used more than the sleeper:", spinner[0] > sleeper[0] * 10)
print("ns agree with seconds:", abs(spinner[1] / 1e9 - spinner[0]) < 0.001)
print("the main thread did not pay for the spinner:", main_used < spinner[0])
print("the process paid for it:", process_used >= spinner[0])
c0 = time.process_time()
time.sleep(3)
print("sleeping leaves process_time alone:", time.process_time() - c0 < 0.01)
for bad in [lambda: time.thread_time(1), lambda: time.process_time(None)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
