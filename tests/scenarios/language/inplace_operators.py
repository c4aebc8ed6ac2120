# In-place operators change mutable built-ins in place and call __iop__ (CPython's
# PyNumber_InPlace*); operator.iadd and friends do the same.
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
    def __add__(self, x):
        print("add called")
        return NotImplemented

class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)

a = Acc(); a2 = a
a += 1
print(a is a2, a.items)
o = OnlyAdd(1); o2 = o
o += 2
print(o is o2, o.v)
m = [0, 1]; m2 = m
m *= 2
print(m2)
m *= 0
print(m2)
s = {1, 2}; s2 = s
s |= {3}; s &= {1, 3, 4}; s -= {4}; s ^= {5}
print(s2, s is s2)
d = {'a': 1}; d2 = d
d |= {'b': 2}
print(d2)
b = bytearray(b'ab'); b2 = b
b *= 2
print(b2)
t = (1,); t2 = t
t += (2,)
print(t, t2)
import operator
l = [1]
r = operator.iadd(l, [2])
print(l, r is l)
m = [0, 1]
operator.imul(m, 2)
print(m)
x = 5
print(operator.iadd(x, 3), x, operator.isub(10, 4), operator.ipow(2, 5), operator.ior({1}, {2}))
s = {1}
operator.iand(s, {1, 2})
print(s, operator.iconcat([1], (2,)))
try:
    operator.iconcat([1], 5)
except TypeError as e:
    print(e)
for bad in [lambda: [1] * 'x', lambda: 'a' * 'b', lambda: (1,) * 1.5, lambda: None * [1]]:
    try:
        bad()
    except TypeError as e:
        print(e)
print([] * 10**12, () * 10**12)
