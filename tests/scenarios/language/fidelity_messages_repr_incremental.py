# CPython's messages and behaviours pinned: list/tuple concatenation errors, math on int
# subclasses, repr escaping of unprintable characters, and list.extend / dict.update taking
# an iterator's items one at a time.
import math, enum
try:
    [1] + 5
except TypeError as e:
    print(e)
try:
    (1,) + [2]
except TypeError as e:
    print(e)
try:
    "a" + 1
except TypeError as e:
    print(e)
class N(int): pass
class C(enum.IntEnum):
    A = 7
print(math.floor(N(3)), math.ceil(C.A), math.trunc(N(-2)), pow(N(2), 5, 7), pow(C.A, 2, 5))
print(repr("a\ufeffb"), repr("\u200b"), repr("\x7f"))
xs = [1, 2]
def gen():
    for i in range(3):
        yield len(xs)
xs.extend(gen())
print(xs)
d = {}
def pairs():
    for i in range(3):
        yield (i, len(d))
d.update(pairs())
print(d)
print("\u00e9\u4e2d\U0001f600".isprintable(), "\u2028".isprintable(), repr("\u2028\U000e0001\x85"))
