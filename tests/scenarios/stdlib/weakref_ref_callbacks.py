# weakref.ref: calling the reference gives the object while it lives, None once its
# last strong reference is gone; a callback runs as soon as the object dies.
import weakref
import gc


class Foo:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Foo({self.name!r})"


f = Foo("a")
r = weakref.ref(f)
print(r() is f, r())
print("the plain reference is shared:", weakref.ref(f) is r)
print("count:", weakref.getweakrefcount(f))


def gone(wr):
    print("callback: referent gone;", wr() is None, wr is r2)


r2 = weakref.ref(f, gone)
print("count:", weakref.getweakrefcount(f), r2.__callback__ is gone)
print("equal while alive:", r == r2, hash(r) == hash(f))
del f
print("after del:", r(), r2())
print(type(r), weakref.ref is weakref.ReferenceType, isinstance(r, weakref.ref))

for bad in ([1], {"a": 1}, 3, "text", None):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)


# Dies at the end of a function, when its local goes.
def work():
    tmp = Foo("tmp")
    return weakref.ref(tmp, lambda wr: print("tmp collected"))


w = work()
print("returned", w())

# A reference in a list dies with `del lst[i]` and `lst.clear()`.
items = [Foo(i) for i in range(3)]
refs = [weakref.ref(x, lambda wr: print("item died")) for x in items]
del items[0]
print([r() for r in refs])
items.clear()
print([r() for r in refs])

# Rebinding the only name is enough, as in CPython's reference counting.
obj = Foo("first")
wr = weakref.ref(obj, lambda _: print("first died"))
obj = Foo("second")
print("now", obj, wr())

# A reference that dies before its referent never calls back.
keep = Foo("keep")
short = weakref.ref(keep, lambda _: print("never printed"))
del short
del keep

# Dead references are equal only to themselves; their hash survives if taken before.
a, b = Foo("x"), Foo("y")
ra, rb = weakref.ref(a), weakref.ref(b)
h = hash(ra)
del a, b
print(ra == rb, ra == ra, hash(ra) == h)
try:
    hash(rb)
except TypeError as e:
    print("TypeError:", e)

print("gc.collect() ->", type(gc.collect()).__name__)

# An exception raised in a callback is reported and ignored.
class Thing:
    pass


def bad_callback(wr):
    raise ValueError("in callback")


t = Thing()
rt = weakref.ref(t, bad_callback)
del t
print("still running")
