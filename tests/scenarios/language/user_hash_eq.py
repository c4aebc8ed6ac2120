# User __hash__ / __eq__ decide dict keys and set members, as in CPython.
from dataclasses import dataclass


class P:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        print(f"  eq {self!r} {other!r}")
        return isinstance(other, P) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __repr__(self):
        return f"P({self.x}, {self.y})"


print("dict keys:")
d = {P(1, 2): "a"}
print(d[P(1, 2)])
d[P(1, 2)] = "b"
print(len(d), d)
print(P(1, 2) in d, P(2, 1) in d)
print(d.get(P(1, 2)), d.get(P(9, 9), "missing"))
print(d.setdefault(P(1, 2), "c"), d.pop(P(1, 2)), d)

print("set members:")
s = {P(0, 0), P(0, 0), P(1, 1)}
print(len(s))
s.add(P(1, 1))
s.discard(P(0, 0))
print(sorted(s, key=lambda p: p.x))
print({P(5, 5)} == {P(5, 5)}, {P(5, 5)} | {P(5, 5)}, {P(5, 5)} & {P(5, 5)}, {P(5, 5)} - {P(5, 5)})
print(set([P(2, 2)]).union([P(2, 2)]), set([P(2, 2)]).issubset([P(2, 2)]))
print({P(3, 3): 1} == {P(3, 3): 1})
print(len({(P(4, 4), 1), (P(4, 4), 1)}))

print("__eq__ without __hash__:")


class OnlyEq:
    def __eq__(self, other):
        return True


print(OnlyEq.__hash__)
for make in (lambda: {OnlyEq()}, lambda: {OnlyEq(): 1}, lambda: hash(OnlyEq()), lambda: {1: 2}[OnlyEq()]):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)


class Sub(P):
    pass


print(len({Sub(1, 1), Sub(1, 1)}))


class NoHash:
    __hash__ = None


try:
    {NoHash()}
except TypeError as e:
    print("TypeError:", e)


class IdentityOnly:
    pass


a = IdentityOnly()
print(len({a, a, IdentityOnly()}), hash(a) == hash(a))

print("frozen dataclass:")


@dataclass(frozen=True)
class Point:
    x: int
    y: int


grid = {Point(0, 0): "origin"}
grid[Point(1, 0)] = "east"
grid[Point(0, 0)] = "still origin"
print(grid)
print(Point(1, 0) in grid, hash(Point(1, 0)) == hash(Point(1, 0)), hash(Point(1, 0)) == hash((1, 0)))
print(len({Point(2, 2), Point(2, 2), Point(2, 3)}))


@dataclass
class Mutable:
    x: int


try:
    {Mutable(1)}
except TypeError as e:
    print("TypeError:", e)


@dataclass(unsafe_hash=True)
class Unsafe:
    x: int


print(len({Unsafe(1), Unsafe(1)}))

print("hash():")


class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


print(hash(H(42)), hash(H(-1)), hash(H(True)), hash(H(2**64)) == hash(2**64))
for bad in ("x", 1.5, None):
    try:
        hash(H(bad))
    except TypeError as e:
        print("TypeError:", e)
try:
    {H(1.5): 1}
except TypeError as e:
    print("TypeError:", e)
print(hash(P(1, 2)) == hash(P(1, 2)), hash(P(1, 2)) == hash((1, 2)))


class Same:
    def __init__(self, tag):
        self.tag = tag

    def __hash__(self):
        return 7

    def __eq__(self, other):
        return False


print(len({Same(1), Same(2)}), len({7: 0, Same(3): 1}))
merged = {P(6, 6): "left"} | {P(6, 6): "right"}
print(merged)
match {P(7, 7): "found", "k": 1}:
    case {"k": 1, **rest}:
        print("rest", rest)
match {Point(8, 8): "p"}:
    case {Point.__name__: _}:
        print("wrong")
    case _:
        print("no str key")


class Keys:
    ORIGIN = Point(0, 0)


match {Point(0, 0): "o", Point(1, 1): "d"}:
    case {Keys.ORIGIN: v, **rest}:
        print("matched", v, rest)
