# `with` over any class with __enter__/__exit__: the exit sees the exception and may
# suppress it by returning a true value.
class Managed:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress

with Managed("a") as a, Managed("b") as b:
    print("body", a, b)

with Managed("quiet", suppress=True):
    raise KeyError("hidden")
print("suppressed")

def early():
    for i in range(3):
        with Managed(f"loop{i}"):
            if i == 1:
                return "returned"
            continue
print(early())

try:
    with Managed("loud"):
        1 / 0
except ZeroDivisionError as e:
    print("propagated", e)

class NoExit:
    def __enter__(self):
        return self
try:
    with NoExit():
        pass
except TypeError as e:
    print(e)
with Managed("final"):
    raise ValueError("escapes")
