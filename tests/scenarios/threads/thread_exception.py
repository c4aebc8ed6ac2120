# An exception in a thread is reported on stderr; the main thread carries on.
import threading

def boom():
    raise ValueError("thread failed")

t = threading.Thread(target=boom)
t.start()
t.join()
print("main continues")
