# dir(obj): the attribute names of an object, its class and their bases, sorted.
import math


class Base:
    kind = "base"

    def hello(self):
        return "hi"


class Child(Base):
    def __init__(self):
        self.x = 1
        self._private = 2

    def run(self):
        pass


c = Child()
print([n for n in dir(c) if not n.startswith("__")])
print([n for n in dir(Child) if not n.startswith("__")])
print("__init__" in dir(c), "__class__" in dir(c), dir(c) == sorted(dir(c)))
print([n for n in dir([]) if not n.startswith("_")])
print([n for n in dir({}) if not n.startswith("_")])
print([n for n in dir("") if n.startswith("is")][:5])
print("sqrt" in dir(math), "pi" in dir(math))


class Custom:
    def __dir__(self):
        return ["b", "a", "c"]


print(dir(Custom()))
public = [n for n in dir(c) if not n.startswith("_") and callable(getattr(c, n))]
print(public)
top = 1
print("top" in dir(), "Child" in dir())
