# gc.collect() frees the reference cycles nothing else refers to; their weak
# references die then (with their callbacks); what is still referenced stays.
import gc, weakref
class Node:
    def __init__(self, name):
        self.name = name
        self.other = None
a, b = Node("a"), Node("b")
a.other, b.other = b, a
ra = weakref.ref(a, lambda r: print("a collected"))
rb = weakref.ref(b)
del a, b
print("after del:", ra() is not None, rb() is not None)
n = gc.collect()
print("after collect:", ra(), rb(), n > 0)
keep = Node("keep")
keep.self = keep
rk = weakref.ref(keep)
gc.collect()
print("still referenced:", rk() is keep)
l = []
l.append(l)
rl = weakref.ref(Node("x"))
def f():
    x = Node("local")
    x.me = x
    return weakref.ref(x)
r = f()
print(r() is not None)
gc.collect()
print(r())
class Holder:
    pass
h = Holder()
h.cb = lambda: h
t = (h,)
rh = weakref.ref(h)
del h
gc.collect()
print(rh() is not None, t[0] is rh())
