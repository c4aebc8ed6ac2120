# class X(str): instances are strs (methods, +, f-strings, in, join, dict keys equal to the
# plain str), with the subclass' own __new__ and methods; what str gives back is a plain str.
class Upper(str):
    def __new__(cls, s):
        return super().__new__(cls, s.upper())

    def shout(self):
        return self + "!"


u = Upper("hello")
print(u, repr(u), type(u).__name__, isinstance(u, str), issubclass(Upper, str), len(u))
print(u.lower(), u.shout(), u + "x", "x" + u, f"<{u}>", f"{u!r:>9}", f"{u:>7}|", u[1:3], u * 2)
print(type(u.lower()).__name__, type(u + "x").__name__, type(str(u)).__name__, str(u))
d = {"HELLO": 1}
print(d[u], {u: 2}["HELLO"], u == "HELLO", "HELLO" == u, hash(u) == hash("HELLO"), u in {"HELLO"})
print("-".join([u, "x"]), "HELLO WORLD".startswith(u), u in "xHELLOx", "L" in u, sorted([u, "A"]))
print("%s!" % u, "{}?".format(u), u.split("L"), list(u), u.count("L"), str.lower(u), max(u, "A"))
print(Upper.__mro__, u.__class__.__name__)


class Ident:
    HELLO = 5


print(getattr(Ident, u), hasattr(Ident, Upper("nope")))
print(int(Upper("12")) + 1, float(Upper("1.5")))


class Tag(str):
    def __repr__(self):
        return f"Tag({str.__repr__(self)})"

    def __str__(self):
        return "#" + self


t = Tag("news")
print(t, repr(t), f"{t}", [t], t.upper(), t == "news", "%s" % t)


class Path(str):
    def join(self, *parts):
        return Path("/".join([self, *parts]))

    @property
    def name(self):
        return self.rsplit("/", 1)[-1]


p = Path("usr").join("lib", "python")
print(p, type(p).__name__, p.name, p.endswith("python"), p.startswith(("x", "usr")))
print(str.__new__(str, "plain"), type(str.__new__(Tag, "x")).__name__)
try:
    str.__new__(int, "x")
except TypeError as e:
    print("TypeError:", e)
