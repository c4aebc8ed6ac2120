# iter(callable, sentinel) calls until the sentinel comes back; next(it, default).
readings = [3, 5, 7, 0, 9]
def read():
    value = readings.pop(0)
    print("read", value)
    return value

for r in iter(read, 0):
    print("got", r)
print("left", readings)
it = iter([1])
print(next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.args)

class Counter:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration(f"stopped at {self.n}")
        return self.n

c = Counter()
print(list(c))
try:
    next(Counter().__iter__()), next(c)
except StopIteration as e:
    print("value", e.value)
print(next(Counter(), 0))
try:
    next([1, 2])
except TypeError as e:
    print(e)
try:
    iter(5, 0)
except TypeError as e:
    print(e)
