"""String search with bounds, splitlines, %-formatting by key, slice deletion and
extended-slice assignment, unary special methods, vars/setattr/delattr."""

x = list(range(10)); del x[::3]; print(x)
x = list(range(10)); del x[-2:2:-2]; print(x)
x = list(range(10)); del x[5:2]; print(x)
x = list(range(6)); x[::2] = "abc"; print(x)
x = list(range(6)); x[::-2] = [7, 8, 9]; print(x)
x = list(range(6)); x[1:3:1] = []; print(x)
try:
    x[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    print("%(name)s" % {"nam": 1})
except KeyError as e:
    print("KeyError:", e)
try:
    print("%(name)s" % (1,))
except TypeError as e:
    print("TypeError:", e)
print("%(a)s-%(b)05.1f %%" % {"a": [1], "b": 2.25}, "%s" % {"k": 1})
s = "abcabcab"
print(s.find("b", 2), s.find("b", -3), s.find("b", 2, 4), s.find("", 8), s.find("", 9), s.find("a", 5, 2))
print(s.rfind("b"), s.rfind("b", 0, -2), s.rfind("zz"), s.rfind(""), s.count("ab", 1), s.count("", 2, 4))
print(s.index("c", 3), s.rindex("a", 0, 5))
for f in (lambda: s.index("z"), lambda: s.rindex("c", 6), lambda: s.find(1), lambda: s.find(), lambda: s.find("a", "x")):
    try:
        f()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print("a\r\nb\rc\n\nd".splitlines(), "a\r\nb\rc\n\nd".splitlines(keepends=True), "".splitlines(), "x\x0by".splitlines())
print("x".rjust(3, "*"), "x".ljust(3, "-"), "x".center(4, "."))
class V:
    def __init__(self, n): self.n = n
    def __neg__(self): return V(-self.n)
    def __abs__(self): return abs(self.n) * 10
    def __invert__(self): return "inv"
    def __pos__(self): return "pos"
    def __repr__(self): return f"V({self.n})"
print(-V(3), abs(V(-4)), ~V(1), +V(1))
try:
    abs(object())
except TypeError as e:
    print(e)
try:
    -V
except TypeError as e:
    print(e)
class K: tagged = True
k = K(); k.a = 1
print(vars(k), vars(K)["tagged"])
setattr(K, "z", 1); print(K.z); delattr(K, "z"); print(hasattr(K, "z"))
try:
    delattr(k, "nope")
except AttributeError as e:
    print("AttributeError", e)
try:
    vars(1)
except TypeError as e:
    print(e)
