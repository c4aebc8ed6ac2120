# PEP 585 and PEP 604 at run time: list[int] is a types.GenericAlias, int | None a
# types.UnionType; both print as written and work with isinstance where CPython allows.
import collections
import types
import typing

print(list[int], dict[str, int], tuple[int, ...], set[str], frozenset[int], type[int], tuple[()])
x = list[int]
print(type(x), x.__origin__, x.__args__, x == list[int], x != list[str], x([1, 2]))
print(list[list[int]], dict[str, list[tuple[int, str]]])
print(collections.deque[int], collections.OrderedDict[str, int], collections.Counter[str])
print(typing.List[int], typing.Optional[list[int]])

print(int | None, type(int | None), int | str | None)
u = int | str
print(u == (str | int), u.__args__, (int | int), list[int] | None, None | int)
print(isinstance(3, int | str), isinstance(3.0, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), isinstance(x, types.GenericAlias), isinstance(u, types.UnionType))
print(typing.List[int] | None)

Vector = list[float]


def scale(k: float, v: Vector) -> Vector:
    return [k * e for e in v]


print(scale(2.0, [1.0, 2.5]), Vector)
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
try:
    int | 3
except TypeError as e:
    print("TypeError:", e)

# Class-body annotations are evaluated: a dataclass with `int | None` and `list[str]` fields.
from dataclasses import dataclass, field


@dataclass
class Job:
    name: str
    tags: list[str] = field(default_factory=list)
    deps: dict[str, int | None] = field(default_factory=dict)
    prio: int | None = None


print(Job("a", ["x"]), Job.__annotations__)
