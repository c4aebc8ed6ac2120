"""The bases that `class X(str)`, `class P(tuple)`, `class L(list)`, `class D(dict)`,
`class S(set)`, `class F(frozenset)`, `class X(float)` and `class B(bytes)` get: Interleave's
built-in values are not objects a Python class can extend, so each stands in for its type
as `int_base.py` does for `int`. An instance keeps its built-in value in `_value_`; the
type's methods and operators act on it, with CPython's results for a subclass:

- what a method or operator returns is of the base type (`Upper('a') + 'b'` is a `str`,
  `MyList([1]) + [2]` a `list`, `S({1}) | {2}` a `set`), as CPython's `str_concat`,
  `list_concat` and `set_or` make base-type objects;
- `isinstance(x, str)` holds (`__interleave_value_type__`), equality and hashing are the
  value's, so an instance and the plain value are one dict key;
- `repr` is the value's, but a set's names the class (`S({1, 2})`, `F()`), as
  `set_repr` does with `Py_TYPE(so)->tp_name`;
- `dict` subclasses get `__missing__` on a failed `d[key]` (`dict_subscript`), and
  `fromkeys` builds the subclass;
- `__new__` makes the value (`super().__new__(cls, s.upper())`), `__init__` of the mutable
  types fills it (`list.__init__` clears and extends, `dict.__init__` updates).
"""

_str, _tuple, _list, _dict, _set, _frozenset, _float, _bytes = str, tuple, list, dict, set, frozenset, float, bytes
_type, _isinstance, _getattr, _setattr = type, isinstance, getattr, setattr


from _interleave_value_ops import _plain, NumberOps as _NumberOps, ValueOps as _ValueOps


def _new(cls, t):
    # `t.__new__(cls)` as CPython checks it (`tp_new_wrapper`), then a bare instance.
    if not _isinstance(cls, _type):
        raise TypeError('%s.__new__(X): X is not a type object (%s)' % (t.__name__, _type(cls).__name__))
    if not issubclass(cls, t):
        raise TypeError('%s.__new__(%s): %s is not a subtype of %s' % (t.__name__, cls.__name__, cls.__name__, t.__name__))
    return object.__new__(cls)


def _forward(t, name):
    # The type's own method called on the value (`str.upper(self._value_)`): no attribute
    # lookup on the value per call; by name when the type does not offer it unbound.
    unbound = _getattr(t, name, None)
    if unbound is not None:
        def method(self, *args, **kwargs):
            return unbound(self._value_, *args, **kwargs)
    else:
        def method(self, *args, **kwargs):
            return _getattr(self._value_, name)(*args, **kwargs)
    return method


def _add_methods(cls, names, *bags):
    # The named methods forward to the value; the bags' methods are copied in (rather
    # than inherited) so the class's MRO is CPython's: `(Upper, str, object)`.
    t = cls.__interleave_value_type__
    for name in names:
        _setattr(cls, name, _forward(t, name))
    own = _set(cls.__dict__)
    for bag in bags:
        for name, f in bag.__dict__.items():
            if name not in own and name not in ('__module__', '__doc__', '__qualname__', '__dict__', '__weakref__'):
                own.add(name)
                _setattr(cls, name, f)


class _Base:
    # What every stand-in shares: the value's comparisons, hashing, size, iteration,
    # indexing, repr and str.
    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError("'%s' object has no attribute '%s'" % (_type(self).__name__, name))
        if name == '_value_':
            raise AttributeError(name)
        return _getattr(self._value_, name)

    def __repr__(self):
        # `_plain`: `str.__repr__(x)` also reaches here with a plain str.
        return repr(_plain(self))

    def __format__(self, spec):
        # `format(x, '')` is `str(x)` (a subclass's `__repr__` shows in f-strings), a
        # spec formats the value, as the built-in type's `__format__` does.
        if not spec:
            return _str(self)
        return format(self._value_, spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ == other

    def __ne__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ != other

    def __lt__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ < other

    def __le__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ <= other

    def __gt__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ > other

    def __ge__(self, other):
        other = _plain(other)
        if not _isinstance(other, self._peers_):
            return NotImplemented
        return self._value_ >= other

    def __bool__(self):
        return bool(self._value_)


class _Sequence:
    def __len__(self):
        return len(self._value_)

    def __iter__(self):
        return iter(self._value_)

    def __contains__(self, item):
        return _plain(item) in self._value_

    def __getitem__(self, index):
        return self._value_[index]

    def __add__(self, other):
        return self._value_ + _plain(other)

    def __radd__(self, other):
        return _plain(other) + self._value_

    def __mul__(self, n):
        return self._value_ * n

    def __rmul__(self, n):
        return n * self._value_


class str:
    __module__ = 'builtins'
    __interleave_value_type__ = _str
    # What the value compares with; other operands get NotImplemented, so the error
    # names the subclass (`'<' not supported between instances of 'MyList' and 'int'`).
    _peers_ = (_str,)

    def __new__(cls, *args, **kwargs):
        if cls is _str:
            return _str(*args, **kwargs)
        self = _new(cls, _str)
        self._value_ = _str(*args, **kwargs)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __str__(self):
        # `str(x)` of a str subclass is the plain str (`PyObject_Str` of an exact copy).
        return _plain(self)

    def __mod__(self, args):
        return self._value_ % args

    def join(self, items):
        return self._value_.join([_plain(s) for s in items])


_add_methods(str, [
    'capitalize', 'casefold', 'center', 'count', 'encode', 'endswith', 'expandtabs', 'find',
    'format', 'format_map', 'index', 'isalnum', 'isalpha', 'isascii', 'isdecimal', 'isdigit',
    'isidentifier', 'islower', 'isnumeric', 'isprintable', 'isspace', 'istitle', 'isupper',
    'ljust', 'lower', 'lstrip', 'partition', 'removeprefix', 'removesuffix', 'replace', 'rfind',
    'rindex', 'rjust', 'rpartition', 'rsplit', 'rstrip', 'split', 'splitlines', 'startswith',
    'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill'], _Sequence, _Base)


class bytes:
    __module__ = 'builtins'
    __interleave_value_type__ = _bytes
    _peers_ = (_bytes, bytearray)

    def __new__(cls, *args, **kwargs):
        if cls is _bytes:
            return _bytes(*args, **kwargs)
        self = _new(cls, _bytes)
        self._value_ = _bytes(*args, **kwargs)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __mod__(self, args):
        return self._value_ % args


_add_methods(bytes, [
    'capitalize', 'center', 'count', 'decode', 'endswith', 'expandtabs', 'find', 'hex',
    'index', 'isalnum', 'isalpha', 'isascii', 'isdigit', 'islower', 'isspace', 'istitle',
    'isupper', 'join', 'ljust', 'lower', 'lstrip', 'partition', 'removeprefix', 'removesuffix',
    'replace', 'rfind', 'rindex', 'rjust', 'rpartition', 'rsplit', 'rstrip', 'split',
    'splitlines', 'startswith', 'strip', 'swapcase', 'title', 'translate', 'upper', 'zfill'], _Sequence, _Base)


class tuple:
    __module__ = 'builtins'
    __interleave_value_type__ = _tuple
    _peers_ = (_tuple,)

    def __new__(cls, iterable=()):
        if cls is _tuple:
            return _tuple(iterable)
        self = _new(cls, _tuple)
        self._value_ = _tuple(iterable)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __getnewargs__(self):
        return (self._value_,)


_add_methods(tuple, ['count', 'index'], _Sequence, _Base)


class list:
    __module__ = 'builtins'
    __interleave_value_type__ = _list
    _peers_ = (_list,)
    # A list is mutable: unhashable, as in CPython (`__hash__ = None`).
    __hash__ = None

    def __new__(cls, *args, **kwargs):
        self = _new(cls, _list)
        self._value_ = []
        return self

    def __init__(self, iterable=()):
        # `list.__init__` clears the list, then extends it (`list___init___impl`).
        self._value_.clear()
        self._value_.extend(iterable)

    def __setitem__(self, index, value):
        self._value_[index] = value

    def __delitem__(self, index):
        del self._value_[index]

    def __iadd__(self, other):
        self._value_.extend(other)
        return self

    def __imul__(self, n):
        self._value_ *= n
        return self

    def __reversed__(self):
        return reversed(self._value_)


_add_methods(list, ['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop',
                    'remove', 'reverse', 'sort'], _Sequence, _Base)


class dict:
    __module__ = 'builtins'
    __interleave_value_type__ = _dict
    _peers_ = (_dict,)
    __hash__ = None

    def __new__(cls, *args, **kwargs):
        self = _new(cls, _dict)
        self._value_ = {}
        return self

    def __init__(self, *args, **kwargs):
        # `dict.__init__` updates (`dict_update_common`); it does not clear.
        self._value_.update(*args, **kwargs)

    def __len__(self):
        return len(self._value_)

    def __iter__(self):
        return iter(self._value_)

    def __contains__(self, key):
        return key in self._value_

    def __getitem__(self, key):
        # `dict_subscript`: a missing key asks the subclass's `__missing__`.
        d = self._value_
        if key in d:
            return d[key]
        missing = _getattr(_type(self), '__missing__', None)
        if missing is not None:
            return missing(self, key)
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._value_[key] = value

    def __delitem__(self, key):
        del self._value_[key]

    def __or__(self, other):
        return self._value_ | _plain(other)

    def __ror__(self, other):
        return _plain(other) | self._value_

    def __ior__(self, other):
        self._value_.update(other)
        return self

    def __reversed__(self):
        return reversed(self._value_)

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for k in iterable:
            d[k] = value
        return d


_add_methods(dict, ['clear', 'copy', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault',
                    'update', 'values'], _Base)


class _SetBase:
    def __repr__(self):
        # `set_repr`: the subclass's name around the items (`S({1, 2})`, `S()`).
        name = _type(self).__name__
        if not self._value_:
            return name + '()'
        return '%s({%s})' % (name, ', '.join([repr(x) for x in self._value_]))

    def __len__(self):
        return len(self._value_)

    def __iter__(self):
        return iter(self._value_)

    def __contains__(self, item):
        return item in self._value_

    def __or__(self, other):
        return self._value_ | _plain(other)

    def __ror__(self, other):
        return _plain(other) | self._value_

    def __and__(self, other):
        return self._value_ & _plain(other)

    def __rand__(self, other):
        return _plain(other) & self._value_

    def __sub__(self, other):
        return self._value_ - _plain(other)

    def __rsub__(self, other):
        return _plain(other) - self._value_

    def __xor__(self, other):
        return self._value_ ^ _plain(other)

    def __rxor__(self, other):
        return _plain(other) ^ self._value_


class set:
    __module__ = 'builtins'
    __interleave_value_type__ = _set
    _peers_ = (_set, _frozenset)
    __hash__ = None

    def __new__(cls, *args, **kwargs):
        self = _new(cls, _set)
        self._value_ = _set()
        return self

    def __init__(self, iterable=()):
        # `set_init`: clears, then adds the items.
        self._value_.clear()
        self._value_.update(iterable)

    def __ior__(self, other):
        self._value_ |= _plain(other)
        return self

    def __iand__(self, other):
        self._value_ &= _plain(other)
        return self

    def __isub__(self, other):
        self._value_ -= _plain(other)
        return self

    def __ixor__(self, other):
        self._value_ ^= _plain(other)
        return self


_add_methods(set, ['add', 'clear', 'copy', 'difference', 'difference_update', 'discard',
                   'intersection', 'intersection_update', 'isdisjoint', 'issubset', 'issuperset',
                   'pop', 'remove', 'symmetric_difference', 'symmetric_difference_update',
                   'union', 'update'], _SetBase, _Base)


class frozenset:
    __module__ = 'builtins'
    __interleave_value_type__ = _frozenset
    _peers_ = (_set, _frozenset)

    def __new__(cls, iterable=()):
        if cls is _frozenset:
            return _frozenset(iterable)
        self = _new(cls, _frozenset)
        self._value_ = _frozenset(iterable)
        return self

    def __init__(self, *args, **kwargs):
        pass


_add_methods(frozenset, ['copy', 'difference', 'intersection', 'isdisjoint', 'issubset',
                         'issuperset', 'symmetric_difference', 'union'], _SetBase, _Base)


class float:
    __module__ = 'builtins'
    __interleave_value_type__ = _float
    _peers_ = (int, _float)

    def __new__(cls, *args, **kwargs):
        if cls is _float:
            return _float(*args, **kwargs)
        self = _new(cls, _float)
        self._value_ = _float(*[_plain(a) for a in args], **kwargs)
        return self

    def __init__(self, *args, **kwargs):
        pass

    def __float__(self):
        return self._value_

    def __int__(self):
        return int(self._value_)

    def __trunc__(self):
        return int(self._value_)


# The arithmetic is the value's, shared with int stand-ins (`_interleave_value_ops`).
_add_methods(float, ['as_integer_ratio', 'conjugate', 'hex', 'is_integer'], _Base, _NumberOps, _ValueOps)


_STAND_INS = {_str: str, _bytes: bytes, _tuple: tuple, _list: list, _dict: dict, _set: set,
              _frozenset: frozenset, _float: float}


def _plain_init(t):
    # `list.__init__(plain_list, items)` and the like, on a value of the type itself.
    if t is _list:
        def init(v, iterable=()):
            v.clear()
            v.extend(iterable)
    elif t is _set:
        def init(v, iterable=()):
            v.clear()
            v.update(iterable)
    elif t is _dict:
        def init(v, *args, **kwargs):
            v.update(*args, **kwargs)
    else:
        def init(v, *args, **kwargs):
            pass
    return init


def _plain_setitem(v, key, value):
    v[key] = value


def _plain_delitem(v, key):
    del v[key]


_PLAIN = {
    '__getitem__': lambda v, key: v[key],
    '__setitem__': _plain_setitem,
    '__delitem__': _plain_delitem,
    '__contains__': lambda v, item: item in v,
    '__len__': lambda v: len(v),
    '__iter__': lambda v: iter(v),
    '__repr__': lambda v: repr(v),
    '__str__': lambda v: _str(v),
}


def _via_type(t, name):
    # `dict.__setitem__(self, k, v)`, `str.__repr__(self)`, `list.__init__(self, items)`:
    # the method as the built-in type offers it, for a subclass's instance (the stand-in's)
    # and for a plain value, with CPython's descriptor errors for anything else.
    base = _STAND_INS[t]
    f = base.__dict__.get(name)
    if f is None:
        raise AttributeError("type object '%s' has no attribute '%s'" % (t.__name__, name))
    if name == '__new__':
        return f
    plain = _plain_init(t) if name == '__init__' else _PLAIN[name]

    def method(*args, **kwargs):
        if not args:
            raise TypeError("descriptor '%s' of '%s' object needs an argument" % (name, t.__name__))
        me = args[0]
        if _type(me) is t:
            return plain(*args, **kwargs)
        if not _isinstance(me, base):
            raise TypeError("descriptor '%s' requires a '%s' object but received a '%s'"
                            % (name, t.__name__, _type(me).__name__))
        return f(*args, **kwargs)
    return method


for _c in _STAND_INS.values():
    _c.__interleave_via_type__ = staticmethod(_via_type)
del _c
