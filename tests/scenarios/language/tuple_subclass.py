# class X(tuple): a namedtuple written by hand (__new__, properties, __repr__), which is a
# tuple for indexing, unpacking, len, iteration, hashing, equality and % formatting.
class Point(tuple):
    __slots__ = ()
    _fields = ("x", "y")

    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    @property
    def y(self):
        return self[1]

    def __repr__(self):
        return f"Point(x={self.x}, y={self.y})"

    def __add__(self, other):
        return Point(self.x + other[0], self.y + other[1])


p = Point(1, 2)
print(p, p.x, p.y, len(p), p[0], p[-1], p[:1], list(p), [p], str(p), f"{p}")
a, b = p
print(a, b, *p, isinstance(p, tuple), p == (1, 2), (1, 2) == p, p != (2, 1), p < (2, 0))
print(hash(p) == hash((1, 2)), {p: "p"}[(1, 2)], {(1, 2): "t"}[p], (1, 2) in {p}, 2 in p)
print(p + (10, 20), type(p + (10, 20)).__name__, p.count(1), p.index(2), max(p), sum(p))
print("%s and %s" % p, tuple(p), sorted([Point(3, 0), Point(1, 5)]), type(p[:1]).__name__)


class Pair(tuple):
    # The generated code of collections.namedtuple: tuple.__new__ called through the type.
    def __new__(_cls, first, second):
        return tuple.__new__(_cls, (first, second))

    def _replace(self, **kw):
        return Pair(kw.get("first", self[0]), kw.get("second", self[1]))

    def __repr__(self):
        return "Pair(first=%r, second=%r)" % self


q = Pair("a", 1)
print(q, q._replace(second=2), Pair(*q), q * 2, type(q * 2).__name__, Pair.__mro__)


class Row(tuple):
    pass


r = Row([1, 2, 3])
print(r, repr(r), Row(), len(Row("ab")), r[1:], type(r).__name__, r == (1, 2, 3))
for bad in [lambda: tuple.__new__(int, ()), lambda: tuple.__new__(5, ())]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
