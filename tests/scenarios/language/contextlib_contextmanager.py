# contextlib.contextmanager turns a one-yield generator into a context manager: an
# exception in the body is thrown in at the yield.
from contextlib import contextmanager, suppress, nullcontext, closing

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except ValueError as e:
        print("handled", e)
    finally:
        print(f"</{name}>")

with tag("p") as v:
    print("inside", v)
with tag("q"):
    raise ValueError("swallowed by the generator")
print("after q")
with tag("outer"), tag("inner"):
    print("nested")

@tag("decorated")
def work():
    print("working")
work()

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
with nullcontext(42) as n:
    print(n)

class Connection:
    def close(self):
        print("connection closed")
with closing(Connection()):
    print("using connection")

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print(e)

@contextmanager
def two_yields():
    yield 1
    yield 2
try:
    with two_yields():
        pass
except RuntimeError as e:
    print(e)

with tag("r"):
    raise TypeError("not handled")
