"""The base that `class X(int)` gets (Interleave's ints are not objects it can subclass):
an instance keeps its int in `_value_`, and the int's behaviour acts on it, as an int
subclass inherits it in CPython: arithmetic returns a plain int, comparisons, hashing and
dict keys are the value's (`{MyInt(1): 'a'}[1]`), `repr` and `str` are the int's unless
the class overrides `__repr__`, `isinstance(x, int)` holds, and the int's methods
(`bit_length`, `to_bytes`...) are reached through `__getattr__`."""

from _interleave_value_ops import IntOps as _IntOps, _plain, copy_ops as _copy_ops

_int = int


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


# The operators (arithmetic, comparisons, hashing) are `_interleave_value_ops.IntOps`,
# shared with enum's IntEnum members; copied in, so `X.__mro__` stays (X, int, object).
_copy_ops(int, _IntOps)
