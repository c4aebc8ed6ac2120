"""fractions: a port of CPython 3.11's Lib/fractions.py (Fraction), simplified.

Kept: construction from ints, Fractions, floats (exactly) and strings ('3/4', '1.5',
'-47e-2'), normalisation, the arithmetic and comparison operators with ints, floats
and Fractions (a float operand gives a float, as in CPython), `limit_denominator`,
`as_integer_ratio`, `from_float`, hashing equal to equal ints and floats, round,
floor/ceil, repr `Fraction(3, 4)` and str `3/4`. Not kept: Decimal and complex
operands, the `numbers` ABCs.
"""

import math

__all__ = ['Fraction']

_PyHASH_MODULUS = 2 ** 61 - 1
_PyHASH_INF = 314159


def _float_ratio(f):
    # float.as_integer_ratio(): m * 2**e exactly, reduced.
    if f != f:
        raise ValueError("cannot convert NaN to integer ratio")
    if f in (float('inf'), float('-inf')):
        raise OverflowError("cannot convert Infinity to integer ratio")
    if f == 0.0:
        return (0, 1)
    m, e = math.frexp(f)
    n = int(m * 9007199254740992.0)  # exact: 53 bits
    e -= 53
    if e >= 0:
        return (n * 2 ** e, 1)
    d = 2 ** -e
    g = math.gcd(n, d)
    return (n // g, d // g)


def _ratio(x):
    """(numerator, denominator) of an int, bool, float or Fraction; None otherwise."""
    if isinstance(x, Fraction):
        return (x._numerator, x._denominator)
    if isinstance(x, bool):
        return (int(x), 1)
    if isinstance(x, int):
        return (x, 1)
    if isinstance(x, float):
        return _float_ratio(x)
    return None


def _parse(s):
    t = s.strip().replace('_', '')
    sign = 1
    if t[:1] in ('+', '-'):
        if t[0] == '-':
            sign = -1
        t = t[1:]
    bad = ValueError('Invalid literal for Fraction: %r' % s)
    if not t:
        raise bad
    if '/' in t:
        num, _, den = t.partition('/')
        if not (num.isdigit() and den.isdigit()):
            raise bad
        return sign * int(num), int(den)
    mant, exp = t, 0
    for e in ('e', 'E'):
        if e in t:
            mant, _, ex = t.partition(e)
            ex_digits = ex[1:] if ex[:1] in ('+', '-') else ex
            if not ex_digits.isdigit():
                raise bad
            exp = int(ex)
            break
    whole, dot, dec = mant.partition('.')
    if not (whole or dec) or (whole and not whole.isdigit()) or (dec and not dec.isdigit()):
        raise bad
    numerator = int(whole or '0')
    denominator = 1
    if dec:
        scale = 10 ** len(dec)
        numerator = numerator * scale + int(dec)
        denominator *= scale
    if exp >= 0:
        numerator *= 10 ** exp
    else:
        denominator *= 10 ** -exp
    return sign * numerator, denominator


class Fraction:
    """This class implements rational numbers."""

    __slots__ = ('_numerator', '_denominator')

    def __init__(self, numerator=0, denominator=None, *, _normalize=True):
        if denominator is None:
            if isinstance(numerator, str):
                numerator, denominator = _parse(numerator)
            else:
                r = _ratio(numerator)
                if r is None:
                    raise TypeError("argument should be a string or a Rational instance")
                if isinstance(numerator, float) or isinstance(numerator, Fraction):
                    self._numerator, self._denominator = r
                    return
                numerator, denominator = r
        elif type(numerator) is int and type(denominator) is int:
            pass
        else:
            a, b = _ratio(numerator), _ratio(denominator)
            if a is None or b is None or isinstance(numerator, float) or isinstance(denominator, float):
                raise TypeError("both arguments should be Rational instances")
            numerator, denominator = a[0] * b[1], b[0] * a[1]
        if denominator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % numerator)
        if _normalize:
            g = math.gcd(numerator, denominator)
            if denominator < 0:
                g = -g
            numerator //= g
            denominator //= g
        self._numerator = numerator
        self._denominator = denominator

    @classmethod
    def from_float(cls, f):
        if isinstance(f, int):
            return cls(f)
        if not isinstance(f, float):
            raise TypeError("%s.from_float() only takes floats, not %r (%s)" %
                            (cls.__name__, f, type(f).__name__))
        n, d = _float_ratio(f)
        return cls(n, d)

    def as_integer_ratio(self):
        return (self._numerator, self._denominator)

    def limit_denominator(self, max_denominator=1000000):
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self._denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self._numerator, self._denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        bound1 = Fraction(p0 + k * p1, q0 + k * q1)
        bound2 = Fraction(p1, q1)
        if abs(bound2 - self) <= abs(bound1 - self):
            return bound2
        return bound1

    @property
    def numerator(a):
        return a._numerator

    @property
    def denominator(a):
        return a._denominator

    def __repr__(self):
        return '%s(%s, %s)' % (self.__class__.__name__, self._numerator, self._denominator)

    def __str__(self):
        if self._denominator == 1:
            return str(self._numerator)
        return '%s/%s' % (self._numerator, self._denominator)

    def __format__(self, spec):
        if not spec:
            return str(self)
        return format(float(self), spec)

    # Arithmetic: exact with ints and Fractions, float with floats (`forward`/`reverse`
    # of CPython's `_operator_fallbacks`).
    def _exact(self, other):
        if isinstance(other, (int, Fraction)):
            return _ratio(other)
        return None

    def __add__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) + b if isinstance(b, float) else NotImplemented
        return Fraction(a._numerator * r[1] + r[0] * a._denominator, a._denominator * r[1])

    def __radd__(b, a):
        r = b._exact(a)
        if r is None:
            return a + float(b) if isinstance(a, float) else NotImplemented
        return Fraction(r[0] * b._denominator + b._numerator * r[1], r[1] * b._denominator)

    def __sub__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) - b if isinstance(b, float) else NotImplemented
        return Fraction(a._numerator * r[1] - r[0] * a._denominator, a._denominator * r[1])

    def __rsub__(b, a):
        r = b._exact(a)
        if r is None:
            return a - float(b) if isinstance(a, float) else NotImplemented
        return Fraction(r[0] * b._denominator - b._numerator * r[1], r[1] * b._denominator)

    def __mul__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) * b if isinstance(b, float) else NotImplemented
        return Fraction(a._numerator * r[0], a._denominator * r[1])

    def __rmul__(b, a):
        r = b._exact(a)
        if r is None:
            return a * float(b) if isinstance(a, float) else NotImplemented
        return Fraction(r[0] * b._numerator, r[1] * b._denominator)

    def __truediv__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) / b if isinstance(b, float) else NotImplemented
        if r[0] == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % (a._numerator * r[1]))
        return Fraction(a._numerator * r[1], a._denominator * r[0])

    def __rtruediv__(b, a):
        r = b._exact(a)
        if r is None:
            return a / float(b) if isinstance(a, float) else NotImplemented
        if b._numerator == 0:
            raise ZeroDivisionError('Fraction(%s, 0)' % (r[0] * b._denominator))
        return Fraction(r[0] * b._denominator, r[1] * b._numerator)

    def __floordiv__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) // b if isinstance(b, float) else NotImplemented
        return (a._numerator * r[1]) // (a._denominator * r[0])

    def __rfloordiv__(b, a):
        r = b._exact(a)
        if r is None:
            return a // float(b) if isinstance(a, float) else NotImplemented
        return (r[0] * b._denominator) // (r[1] * b._numerator)

    def __mod__(a, b):
        r = a._exact(b)
        if r is None:
            return float(a) % b if isinstance(b, float) else NotImplemented
        da, db = a._denominator, r[1]
        return Fraction((a._numerator * db) % (r[0] * da), da * db)

    def __rmod__(b, a):
        r = b._exact(a)
        if r is None:
            return a % float(b) if isinstance(a, float) else NotImplemented
        return Fraction(r[0], r[1]) % b

    def __divmod__(a, b):
        return (a // b, a - (a // b) * b)

    def __pow__(a, b):
        if isinstance(b, (int, Fraction)) and _ratio(b)[1] == 1:
            power = _ratio(b)[0]
            if power >= 0:
                return Fraction(a._numerator ** power, a._denominator ** power, _normalize=False)
            if a._numerator >= 0:
                return Fraction(a._denominator ** -power, a._numerator ** -power, _normalize=False)
            return Fraction((-a._denominator) ** -power, (-a._numerator) ** -power, _normalize=False)
        return float(a) ** float(b) if isinstance(b, (int, float, Fraction)) else NotImplemented

    def __rpow__(b, a):
        if b._denominator == 1 and b._numerator >= 0:
            return a ** b._numerator
        if isinstance(a, int):
            return Fraction(a, 1) ** b
        return a ** float(b)

    def __pos__(a):
        return Fraction(a._numerator, a._denominator, _normalize=False)

    def __neg__(a):
        return Fraction(-a._numerator, a._denominator, _normalize=False)

    def __abs__(a):
        return Fraction(abs(a._numerator), a._denominator, _normalize=False)

    def __int__(a):
        if a._numerator < 0:
            return -(-a._numerator // a._denominator)
        return a._numerator // a._denominator

    def __trunc__(a):
        return a.__int__()

    def __float__(a):
        return a._numerator / a._denominator

    def __floor__(a):
        return a._numerator // a._denominator

    def __ceil__(a):
        return -(-a._numerator // a._denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self._numerator, self._denominator)
            if remainder * 2 < self._denominator:
                return floor
            elif remainder * 2 > self._denominator:
                return floor + 1
            elif floor % 2 == 0:
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __hash__(self):
        try:
            dinv = pow(self._denominator, -1, _PyHASH_MODULUS)
        except ValueError:
            hash_ = _PyHASH_INF
        else:
            hash_ = hash(hash(abs(self._numerator)) * dinv)
        result = hash_ if self._numerator >= 0 else -hash_
        return -2 if result == -1 else result

    def __eq__(a, b):
        if isinstance(b, (int, Fraction)):
            r = _ratio(b)
            return a._numerator == r[0] and a._denominator == r[1]
        if isinstance(b, float):
            if b != b or b in (float('inf'), float('-inf')):
                return 0.0 == b
            return a == Fraction(b)
        return NotImplemented

    def _richcmp(self, other, op):
        if isinstance(other, (int, Fraction)):
            r = _ratio(other)
            return op(self._numerator * r[1], self._denominator * r[0])
        if isinstance(other, float):
            if other != other or other in (float('inf'), float('-inf')):
                return op(0.0, other)
            return op(self, Fraction(other))
        return NotImplemented

    def __lt__(a, b):
        return a._richcmp(b, lambda x, y: x < y)

    def __gt__(a, b):
        return a._richcmp(b, lambda x, y: x > y)

    def __le__(a, b):
        return a._richcmp(b, lambda x, y: x <= y)

    def __ge__(a, b):
        return a._richcmp(b, lambda x, y: x >= y)

    def __bool__(a):
        return bool(a._numerator)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self
