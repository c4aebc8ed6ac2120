"""The operators a stand-in for an `int` or `str` subclass shares with the value it keeps
in `_value_`: the base `class X(int)` gets (`int_base.py`) and enum's int and str mixins
(`_IntValue`, `_StrValue` in `enum.py`) both inherit them from here, so an int subclass's
instance and an IntEnum member compute as their value does (a plain int or str result),
hash and compare as it (`{Color.RED: 'r'}[1]`), as in CPython, where both are `int`."""

_int = int


def _plain(v):
    # The value a stand-in keeps (an int subclass' instance, an IntEnum or StrEnum
    # member), else v itself. Stand-ins are the classes with `__interleave_value_type__`.
    if getattr(type(v), '__interleave_value_type__', None) is not None:
        try:
            return v._value_
        except AttributeError:
            return v
    return v


def copy_ops(cls, ops):
    # Give `cls` the operators of `ops` (and of its bases, the most derived first) it
    # does not define itself, as its own attributes: for a class whose MRO must not show
    # the helper classes.
    for klass in ops.__mro__[:-1]:
        for name, f in klass.__dict__.items():
            if name.startswith('__') and name.endswith('__') and callable(f) and name not in cls.__dict__:
                setattr(cls, name, f)


class ValueOps:
    """What every stand-in shares with its value: hashing, comparisons and `+`."""

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _plain(other)

    def __ne__(self, other):
        return self._value_ != _plain(other)

    def __lt__(self, other):
        return self._value_ < _plain(other)

    def __le__(self, other):
        return self._value_ <= _plain(other)

    def __gt__(self, other):
        return self._value_ > _plain(other)

    def __ge__(self, other):
        return self._value_ >= _plain(other)

    def __add__(self, other):
        return self._value_ + _plain(other)

    def __radd__(self, other):
        return _plain(other) + self._value_


class NumberOps(ValueOps):
    """The arithmetic an int or float stand-in shares with its value; results are plain."""

    def __sub__(self, other):
        return self._value_ - _plain(other)

    def __rsub__(self, other):
        return _plain(other) - self._value_

    def __mul__(self, other):
        return self._value_ * _plain(other)

    def __rmul__(self, other):
        return _plain(other) * self._value_

    def __truediv__(self, other):
        return self._value_ / _plain(other)

    def __rtruediv__(self, other):
        return _plain(other) / self._value_

    def __floordiv__(self, other):
        return self._value_ // _plain(other)

    def __rfloordiv__(self, other):
        return _plain(other) // self._value_

    def __mod__(self, other):
        return self._value_ % _plain(other)

    def __rmod__(self, other):
        return _plain(other) % self._value_

    def __divmod__(self, other):
        return divmod(self._value_, _plain(other))

    def __rdivmod__(self, other):
        return divmod(_plain(other), self._value_)

    def __pow__(self, other, mod=None):
        if mod is None:
            return self._value_ ** _plain(other)
        return pow(self._value_, _plain(other), _plain(mod))

    def __rpow__(self, other):
        return _plain(other) ** self._value_

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return +self._value_

    def __abs__(self):
        return abs(self._value_)

    def __round__(self, ndigits=None):
        return round(self._value_, ndigits)


class IntOps(NumberOps):
    """The rest of int's operators, on `_value_`; results are plain ints."""

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __and__(self, other):
        return self._value_ & _plain(other)

    def __rand__(self, other):
        return _plain(other) & self._value_

    def __or__(self, other):
        return self._value_ | _plain(other)

    def __ror__(self, other):
        return _plain(other) | self._value_

    def __xor__(self, other):
        return self._value_ ^ _plain(other)

    def __rxor__(self, other):
        return _plain(other) ^ self._value_

    def __lshift__(self, other):
        return self._value_ << _plain(other)

    def __rlshift__(self, other):
        return _plain(other) << self._value_

    def __rshift__(self, other):
        return self._value_ >> _plain(other)

    def __rrshift__(self, other):
        return _plain(other) >> self._value_

    def __invert__(self):
        return ~self._value_

    def __trunc__(self):
        return self._value_

    def __floor__(self):
        return self._value_

    def __ceil__(self):
        return self._value_

