class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"open {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"close {self.name} (exception: {exc_type.__name__ if exc_type else None})")
        return False


class Suppress:
    def __enter__(self):
        return None

    def __exit__(self, exc_type, exc, tb):
        if isinstance(exc, KeyError):
            print("suppressing", repr(exc))
            return True
        return False


with Resource("a") as a, Resource("b") as b:
    print("using", a.name, b.name)

try:
    with Resource("c"):
        raise ValueError("inside with")
except ValueError as e:
    print("propagated:", e)

with Suppress():
    {}["missing"]
print("continued after suppressed KeyError")
