# CPython 3.11 adds "Did you mean" to an uncaught AttributeError or NameError when it
# prints it; the exception's own message, and traceback.format_exc(), do not have it.
import traceback


class Worker:
    def __init__(self):
        self.results = []

    def is_alive(self):
        return True


w = Worker()
try:
    w.isAlive()
except AttributeError as e:
    print(e, "|", e.name, type(e.obj).__name__)
try:
    w.result
except AttributeError:
    print(traceback.format_exc().splitlines()[-1])
try:
    print(undefined_nme)
except NameError as e:
    print(e, "|", e.name)
counter = 0


def bump():
    return countr + 1


try:
    bump()
except NameError as e:
    print(e)
w.isAlive()
