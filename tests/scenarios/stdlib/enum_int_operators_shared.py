# IntEnum members and int subclasses compute as ints with every int operator (both use
# one set of operators in Interleave): reflected shifts, divmod, round.
import enum


class Num(enum.IntEnum):
    TWO = 2
    TEN = 10


class MyInt(int):
    pass


for x in (Num.TEN, MyInt(10)):
    print(type(x).__name__, divmod(x, 3), divmod(23, x), round(x))
    print(1 << Num.TWO, 1024 >> Num.TWO, x << 1, x >> 1, 2 ** x, x ** 2)
    print(x + Num.TWO, x - MyInt(1), x * Num.TWO, x / 4, x // Num.TWO, x % 3, -x, ~x, abs(-x), x & 3, x | 1, x ^ 8)
    print(x == 10, x < Num.TWO, x >= MyInt(10), hash(x) == hash(10), {10: "ten"}[x], bool(x), float(x), int(x))
print(Num.TWO + MyInt(3), MyInt(3) * Num.TWO, type(MyInt(3) + Num.TWO).__name__)
print(MyInt.__mro__)
