"""The base that `class X(int)` gets (Interleave's ints are not objects it can subclass):
an instance keeps its int in `_value_`, and the int's behaviour acts on it, as an int
subclass inherits it in CPython: arithmetic returns a plain int, comparisons, hashing and
dict keys are the value's (`{MyInt(1): 'a'}[1]`), `repr` and `str` are the int's unless
the class overrides `__repr__`, `isinstance(x, int)` holds, and the int's methods
(`bit_length`, `to_bytes`...) are reached through `__getattr__`."""

_int = int


def _plain(v):
    # The value a stand-in keeps (an int subclass' instance, an IntEnum member), else v.
    if type(v) is not _int and isinstance(v, _int):
        try:
            return v._value_
        except AttributeError:
            return v
    return v


class int:
    __module__ = 'builtins'
    __interleave_value_type__ = _int

    def __new__(cls, *args, **kwargs):
        if cls is _int:
            # `int.__new__(int, x)`: a plain int.
            return _int(*[_plain(a) for a in args], **kwargs)
        self = object.__new__(cls)
        if len(args) == 1 and not kwargs:
            self._value_ = _int(_plain(args[0]))
        else:
            self._value_ = _int(*args, **kwargs)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError("'%s' object has no attribute '%s'" % (type(self).__name__, name))
        if name == '_value_':
            raise AttributeError(name)
        return getattr(self._value_, name)

    def __repr__(self):
        return repr(self._value_)

    def __format__(self, spec):
        if not spec:
            return str(self)
        return format(self._value_, spec)

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

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __add__(self, other):
        return self._value_ + _plain(other)

    def __radd__(self, other):
        return _plain(other) + self._value_

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

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return +self._value_

    def __abs__(self):
        return abs(self._value_)

    def __invert__(self):
        return ~self._value_

    def __round__(self, ndigits=None):
        return round(self._value_, ndigits)

    def __trunc__(self):
        return self._value_

    def __floor__(self):
        return self._value_

    def __ceil__(self):
        return self._value_

