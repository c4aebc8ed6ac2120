# Arbitrary-precision ints: arithmetic, conversions, formatting, hashing and
# comparisons beyond 64 bits, as in CPython.
import asyncio

# Literals and powers past 64 bits; results that fit come back as small ints.
print(2 ** 100, -2 ** 100, 2 ** 64, 2 ** 63, -2 ** 63, 2 ** 63 - 1)
print(9223372036854775807 + 1, -9223372036854775808 - 1, -(-9223372036854775808), 9223372036854775808)
print(0xFFFFFFFFFFFFFFFFFFFF, 0b1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000, 1_000_000_000_000_000_000_000)
print(2 ** 100 - 2 ** 100, type(2 ** 100 - 2 ** 100 + 1).__name__, 2 ** 64 // 2 ** 64, -9223372036854775808 // -1)

# Factorials, Fibonacci, sums.
f = 1
for i in range(1, 31):
    f *= i
print(f, type(f).__name__, isinstance(f, int), type(f) is int)
a, b = 0, 1
for _ in range(200):
    a, b = b, a + b
print(a, sum([2 ** 62] * 8), sum(range(10)) * 10 ** 30)

# Parsing.
print(int("123456789012345678901234567890"), int("-0x" + "f" * 20, 16), int("0b" + "1" * 70, 0), int("  -1_000_000_000_000_000_000_000 "))
for text, base in [("0x_ff", 0), ("1__2", 10), ("_1", 10), ("010", 0), ("00", 0), ("z" * 15, 36)]:
    try:
        print(repr(text), base, int(text, base))
    except ValueError as e:
        print(repr(text), base, "ValueError:", e)

# Division, modulo and the rest, with Python's signs.
x = 12345678901234567890123
print(x // 7, x % 7, divmod(x, -7), -x // 7, -x % 7, x / 7, x / 3)
print(divmod(2 ** 70, -3), divmod(-2 ** 70, 3), divmod(7, 2 ** 70), divmod(-7, 2 ** 70), 2 ** 70 % -3)
print(abs(-x), -x, +x, ~x, abs(-2 ** 63), -(2 ** 63) == -9223372036854775808)
print(x & 0xFFFF, x | 1, x ^ x, x >> 10, 1 << 100, x << 3, -(2 ** 70) >> 1, -(2 ** 70) >> 100, -(2 ** 70) & 0xFF, ~-(2 ** 70))
print((-1) << 64, 1 << 64 >> 64, 2 ** 64 * 0, type(2 ** 64 * 0).__name__)

# True division rounds correctly, like CPython.
print([n / 3 for n in (2 ** 53 + 1, 2 ** 60 + 7, -(2 ** 62) - 5, 2 ** 63 - 1)])
print(1 / 3 ** 700, 3 ** 700 / 7 ** 300, 10 ** 400 / 10 ** 399, 10 ** 40 / 10 ** 20, 1 / 2 ** 1075, 3 / 2 ** 1076)

# pow, with and without a modulus.
print(pow(2, 100, 10 ** 9 + 7), pow(3, -1, 7), pow(2 ** 100, 2, -1000), pow(2, 200), pow(2, 10 ** 18, 1000))
print(2 ** -2, 0 ** 0, (-1) ** (10 ** 30), (2 ** 70) ** 0.5, 7 ** 30 % 1000)

# Comparisons across int, big int and float are exact.
print(2 ** 100 == float(2 ** 100), 2 ** 53 + 1 == float(2 ** 53), 2 ** 53 + 1 > float(2 ** 53), float(2 ** 100))
print(10 ** 30 > 10 ** 29, 10 ** 30 < 1e31, 10 ** 30 == 10 ** 30, 10 ** 30 != 10 ** 30 + 1, 2 ** 70 > 1.5)
print(9223372036854775807 == 9223372036854775808.0, 9223372036854775807 < 9223372036854775808.0, 2 ** 1100 > 1e308)
print(float("nan") == 2 ** 70, 2 ** 70 < float("inf"), -2 ** 70 > float("-inf"), 1e23 == 10 ** 23, 1e20 == 10 ** 20)
print(max(2 ** 70, 3, 2.5), min(-2 ** 70, 0), sorted([2 ** 70, -2 ** 80, 0, 1.5, 2 ** 70 + 1, 2.0 ** 70]))

# Mixed with floats.
print(2 ** 70 + 0.5, 2 ** 70 * 1.0, 2 ** 70 // 1.5, 2 ** 70 % 1.5, int(1e30), int(-1.5e20), round(1e20))
print(float(-2 ** 70), float(2 ** 1024 - 2 ** 970 - 1), int(2.0 ** 100))

# str, repr and formatting.
print(str(2 ** 70), repr(-2 ** 70), str(2 ** 100)[:5], len(str(3 ** 1000)))
print(f"{2 ** 100:,}", f"{-2 ** 70:_x}", f"{2 ** 80:#b}", f"{2 ** 70:>30}", f"{2 ** 70:e}", f"{-2 ** 70:+,}")
print(f"{2 ** 72:030,}", f"{2 ** 72:^32}", f"{2 ** 72:X}", f"{2 ** 72:#o}", f"{2 ** 72:.2f}", f"{12345:09,}")
print("%d|%x|%s|%r" % (2 ** 70, 2 ** 70, 2 ** 70, -2 ** 70), "{:,}".format(2 ** 70), format(2 ** 64, "_"))
print(hex(2 ** 64), bin(-5), oct(2 ** 65), (2 ** 64).bit_length(), (2 ** 64 - 1).bit_count())

# round with negative ndigits: ties to even.
print(round(2 ** 70 + 1234, -3), round(123456789012345678901234567890, -5), round(25, -1), round(-35, -1))
print(round(9223372036854775807, -1), round(2 ** 70, -30), round(2 ** 70, 3))

# Hashes match CPython; equal numbers are the same dict key.
print(hash(2 ** 100), hash(-2 ** 100), hash(2 ** 61 - 1), hash(2 ** 61), hash(-1), hash(2 ** 63), hash(2.0 ** 80), hash(0.5))
d = {2 ** 64: "big", 5: "small"}
print(d[2 ** 64], d[(2 ** 64 + 5) - 2 ** 64], 2 ** 64 in d, float(2 ** 64) in d, d.get(2.0 ** 64))
print({2 ** 100, 2.0 ** 100, 2 ** 100 + 1}, len({2 ** 64, 2 ** 64 + 0, 2.0 ** 64, 18446744073709551616}))
print(bool(2 ** 100), not 2 ** 100, (2 ** 70 == 2 ** 70) is True)

# Errors.
for label, thunk in [
    ("str(10**5000)", lambda: str(10 ** 5000)),
    ("int('1'*5000)", lambda: int("1" * 5000)),
    ("float(10**400)", lambda: float(10 ** 400)),
    ("10**400 / 3", lambda: 10 ** 400 / 3),
    ("[1, 2][2**70]", lambda: [1, 2][2 ** 70]),
    ("'x' * 2**70", lambda: "x" * 2 ** 70),
    ("pow(2, -1, 4)", lambda: pow(2, -1, 4)),
    ("0 ** -1", lambda: 0 ** -1),
    ("2**70 // 0", lambda: 2 ** 70 // 0),
]:
    try:
        print(label, thunk())
    except (ValueError, OverflowError, IndexError, ZeroDivisionError) as e:
        print(label, type(e).__name__ + ":", e)


# Big ints across tasks: a product split among tasks.
async def partial_product(lo, hi):
    p = 1
    for k in range(lo, hi):
        p *= k
        if k % 25 == 0:
            await asyncio.sleep(0.01)
    return p


async def main():
    parts = await asyncio.gather(*(partial_product(lo, lo + 50) for lo in range(1, 201, 50)))
    total = 1
    for p in parts:
        total *= p
    check = 1
    for k in range(1, 201):
        check *= k
    print(len(str(total)), total == check, total % (10 ** 9 + 7), str(total)[:20])


asyncio.run(main())
