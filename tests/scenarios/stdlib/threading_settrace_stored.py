# threading.settrace/setprofile keep the hook for the threads started later, and
# gettrace/getprofile give it back. (Interleave stores the hooks but never calls them;
# this program's hooks print nothing in CPython either, so the output is the same.)
import threading

print(threading.gettrace(), threading.getprofile())


def tracer(frame, event, arg):
    return None


def profiler(frame, event, arg):
    pass


threading.settrace(tracer)
threading.setprofile(profiler)
print(threading.gettrace() is tracer, threading.getprofile() is profiler)

out = []
t = threading.Thread(target=lambda: out.append("ran"))
t.start()
t.join()
print(out)
threading.settrace(None)
threading.setprofile(None)
print(threading.gettrace(), threading.getprofile())
