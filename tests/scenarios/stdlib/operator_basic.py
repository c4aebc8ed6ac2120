import operator
from operator import itemgetter, attrgetter, methodcaller
from functools import reduce

rows = [("b", 2, 9.5), ("a", 3, 1.0), ("c", 1, 4.25)]
print(sorted(rows, key=itemgetter(1)), sorted(rows, key=itemgetter(2, 0)))
print(itemgetter(1)("ABCD"), itemgetter(0, -1)("ABCD"), itemgetter("k")({"k": 5}))


class P:
    def __init__(self, name, inner=None):
        self.name = name
        self.inner = inner

    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"


ps = [P("zed", P("x")), P("amy", P("y"))]
print([p.name for p in sorted(ps, key=attrgetter("name"))], attrgetter("inner.name", "name")(ps[0]))
print(methodcaller("greet", "Hi")(ps[1]), methodcaller("greet", "Yo", punct="?")(ps[0]))
print(itemgetter(1, 2), attrgetter("a.b"), methodcaller("greet", "Hi", punct="?"))
print(reduce(operator.add, range(10)), reduce(operator.mul, range(1, 6)), operator.sub(5, 3), operator.truediv(7, 2))
print(operator.floordiv(7, 2), operator.mod(7, 3), operator.pow(2, 10), operator.neg(4), operator.abs(-3))
print(operator.eq(1, 1), operator.lt(1, 2), operator.not_(0), operator.truth([]), operator.contains([1, 2], 2))
print(operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"), operator.is_(None, None), operator.concat([1], [2]))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.getitem(d, "b"), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3))
