# map and filter are lazy: nothing is called until an item is asked for, and they work
# over endless iterators.
import itertools
out = []
m = map(out.append, [1, 2])
print(out)
sq = map(lambda x: x * x, itertools.count())
print(next(sq), next(sq), next(sq))
print(list(itertools.islice(map(str, itertools.count(5)), 3)))
z = zip(itertools.count(), "ab")
print(list(z))
f = filter(lambda x: x % 2, itertools.count())
print(next(f), next(f))
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))
calls = []
def noisy(x):
    calls.append(x)
    return x > 1
it = filter(noisy, [0, 1, 2, 3])
print(calls, next(it), calls)
try:
    map(len, 5)
except TypeError as e:
    print("TypeError:", e)
bad = map(len, [1])
try:
    next(bad)
except TypeError as e:
    print("TypeError at next:", e)
print(list(filter(None, [0, "", "a", [], [1]])))
