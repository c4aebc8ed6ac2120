# class X(float), class X(bytes): arithmetic gives the base type, the subclass keeps its
# methods and repr; types CPython refuses as bases say so.
class Money(float):
    def __new__(cls, amount):
        return super().__new__(cls, round(amount, 2))

    def __repr__(self):
        return f"Money({float(self):.2f})"

    def __str__(self):
        return f"${float(self):.2f}"


m = Money(3.14159)
print(m, repr(m), m + 1, type(m + 1).__name__, m * 2, 10 - m, m / 2, -m, abs(Money(-2)), round(m, 1))
print(isinstance(m, float), m == 3.14, 3.14 == m, m > 3, hash(m) == hash(3.14), {3.14: "pi"}[m], f"{m}", f"{m:.1f}", "%.3f" % m)
print(m.is_integer(), Money(2).is_integer(), int(m), float(m), [m], max(m, 1.0))


class Celsius(float):
    pass


c = Celsius("21.5")
print(c, repr(c), Celsius(), c + c, type(c + c).__name__, Celsius.__mro__)


class Blob(bytes):
    def size(self):
        return len(self)


b = Blob(b"abc")
print(b, repr(b), b.size(), b + b"d", type(b + b"d").__name__, b[0], b[1:], b.decode(), b.upper(), b == b"abc", list(b))
print(Blob([65, 66]), Blob("hé", "utf-8"), Blob(), isinstance(b, bytes), {b"abc": 1}[b], b"b" in b)
for base in (bool, range, slice, type(None), type(len)):
    try:
        class X(base):
            pass
    except TypeError as e:
        print("TypeError:", e)
