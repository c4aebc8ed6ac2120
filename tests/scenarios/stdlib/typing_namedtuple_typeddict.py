# typing.NamedTuple (class and call forms) and TypedDict, built as CPython's typing.py does.
from typing import NamedTuple, TypedDict, List

class Point(NamedTuple):
    x: int
    y: int = 0
    def norm2(self) -> int:
        return self.x * self.x + self.y * self.y

Employee = NamedTuple("Employee", [("name", str), ("id", int)])
p = Point(3, 4)
print(p, p.norm2(), p._asdict(), p._replace(y=1), Point._fields, Point._field_defaults)
print(Employee("ann", 3), Point.__annotations__)
x, y = p
print(x, y, p[0], len(p), p == (3, 4))
try:
    class Bad(NamedTuple):
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError:", e)

class Movie(TypedDict):
    title: str
    year: int

m: Movie = {"title": "Blade Runner", "year": 1982}
print(m, type(m).__name__, Movie.__annotations__, Movie.__total__)
m2 = Movie(title="Alien", year=1979)
print(m2, type(m2).__name__)
