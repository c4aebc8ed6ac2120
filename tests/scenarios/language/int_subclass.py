# class X(int): instances are ints (arithmetic gives plain ints, comparisons, hashing and
# dict keys are the value's), with the subclass' own methods and repr.
class MyInt(int):
    def double(self):
        return MyInt(self * 2)

    def __repr__(self):
        return f"MyInt({int(self)})"


m = MyInt(5)
print(m, repr(m), m + 1, type(m + 1).__name__, m.double(), type(m.double()).__name__)
print(isinstance(m, int), isinstance(m, MyInt), m == 5, 5 == m, hash(m) == hash(5), {5: "five"}[m], {m: "m"}[5])
print(MyInt("12"), MyInt(3.7), MyInt(), m > 3, 3 < m, -m, abs(MyInt(-3)), m // 2, m % 3, m ** 2, 2 ** m)
print(bin(m), hex(m), range(m), [1, 2, 3, 4, 5, 6][m], "ab" * MyInt(2), m.bit_length())


class Flags(int):
    pass


print(Flags(7) & 3, type(Flags(7) & 3).__name__, str(Flags(7)), Flags(7))
print(issubclass(Flags, int), Flags.__mro__, f"{Flags(42)}", f"{Flags(42):05d}", "%d" % Flags(3), Flags("ff", 16))


class Celsius(int):
    def __new__(cls, degrees):
        if degrees < -273:
            raise ValueError("below absolute zero")
        return super().__new__(cls, degrees)

    def __str__(self):
        return f"{int(self)}°C"


t = Celsius(21)
print(t, repr(t), t + 1, sum([Celsius(1), Celsius(2)]), sorted([Celsius(5), 3, Celsius(1)]), max(Celsius(4), 2))
try:
    Celsius(-300)
except ValueError as e:
    print("ValueError:", e)
print(int(t), float(t), t == 21, t < 30, bool(Celsius(0)), round(t), divmod(t, 4), t * 1.5)
print(len({Celsius(3), 3, MyInt(3)}), sorted({Celsius(2): "a", 1: "b"}.values()))
