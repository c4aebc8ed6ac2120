"""collections: small pure-Python versions of deque, namedtuple, defaultdict, Counter
and OrderedDict (CPython 3.11's Lib/collections/__init__.py has the full ones), as
learners' programs use them.
"""


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

    def __class_getitem__(cls, item):
        # `deque[int]`: a `types.GenericAlias`, as CPython's containers make.
        import types
        return types.GenericAlias(cls, item)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def extend(self, iterable):
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        for x in iterable:
            self.appendleft(x)

    def clear(self):
        self._items.clear()

    def remove(self, value):
        self._items.remove(value)

    def rotate(self, n=1):
        if self._items:
            n = n % len(self._items)
            self._items[:] = self._items[-n:] + self._items[:-n]

    def count(self, x):
        return self._items.count(x)

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def __getitem__(self, i):
        return self._items[i]

    def __contains__(self, x):
        return x in self._items

    def __bool__(self):
        return len(self._items) > 0

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __repr__(self):
        if self.maxlen is None:
            return f"deque({self._items!r})"
        return f"deque({self._items!r}, maxlen={self.maxlen})"


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    """A stand-in for CPython's tuple subclass (Interleave cannot subclass `tuple` yet):
    the same constructor, fields, indexing, unpacking, equality with tuples, ordering,
    hashing, repr, `_fields`, `_field_defaults`, `_make`, `_replace` and `_asdict`.
    `isinstance(p, tuple)` is False here."""
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(map(str, field_names))
    defaults = tuple(defaults) if defaults is not None else ()
    if len(defaults) > len(fields):
        raise TypeError('Got more default values than field names')
    field_defaults = dict(zip(fields[len(fields) - len(defaults):], defaults))

    class _NT:
        _fields = fields
        _field_defaults = field_defaults

        def __init__(self, *args, **kwargs):
            if len(args) > len(fields):
                lo = len(fields) - len(field_defaults) + 1
                takes = f"from {lo} to {len(fields) + 1}" if field_defaults else f"{len(fields) + 1}"
                raise TypeError(f"{typename}.__new__() takes {takes} positional arguments but {len(args) + 1} were given")
            values = list(args)
            for name in fields[:len(values)]:
                if name in kwargs:
                    raise TypeError(f"{typename}.__new__() got multiple values for argument '{name}'")
            missing = []
            for name in fields[len(values):]:
                if name in kwargs:
                    values.append(kwargs.pop(name))
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    missing.append(name)
            if kwargs:
                raise TypeError(f"{typename}.__new__() got an unexpected keyword argument '{next(iter(kwargs))}'")
            if missing:
                names = [repr(m) for m in missing]
                listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + (", and " if len(names) > 2 else " and ") + names[-1]
                s = "" if len(names) == 1 else "s"
                raise TypeError(f"{typename}.__new__() missing {len(names)} required positional argument{s}: {listed}")
            object.__setattr__(self, '_values', tuple(values))
            for name, value in zip(fields, values):
                object.__setattr__(self, name, value)

        def __setattr__(self, name, value):
            raise AttributeError("can't set attribute")

        @classmethod
        def _make(cls, iterable):
            values = tuple(iterable)
            if len(values) != len(fields):
                raise TypeError(f'Expected {len(fields)} arguments, got {len(values)}')
            return cls(*values)

        def _replace(self, **kwargs):
            values = [kwargs.pop(f, v) for f, v in zip(fields, self._values)]
            if kwargs:
                raise ValueError(f'Got unexpected field names: {list(kwargs)!r}')
            return type(self)(*values)

        def _asdict(self):
            return dict(zip(fields, self._values))

        def __getnewargs__(self):
            return self._values

        def __iter__(self):
            return iter(self._values)

        def __getitem__(self, i):
            return self._values[i]

        def __len__(self):
            return len(fields)

        def __contains__(self, x):
            return x in self._values

        def index(self, *args):
            return self._values.index(*args)

        def count(self, x):
            return self._values.count(x)

        def __eq__(self, other):
            return self._values == _as_tuple(other)

        def __lt__(self, other):
            return self._values < _as_tuple(other)

        def __le__(self, other):
            return self._values <= _as_tuple(other)

        def __gt__(self, other):
            return self._values > _as_tuple(other)

        def __ge__(self, other):
            return self._values >= _as_tuple(other)

        def __add__(self, other):
            return self._values + _as_tuple(other)

        def __hash__(self):
            return hash(self._values)

        def __repr__(self):
            inner = ", ".join(f"{f}={v!r}" for f, v in zip(fields, self._values))
            return f"{typename}({inner})"

    # The class the program sees carries its own name (a class's name is fixed when it is
    # made, here as in CPython's C types).
    return type(typename, (_NT,), {})


def _as_tuple(x):
    # A namedtuple compares with tuples and other namedtuples by its values.
    if isinstance(x, tuple):
        return x
    values = getattr(x, '_values', None)
    if isinstance(values, tuple) and hasattr(type(x), '_fields'):
        return values
    return x


class _Mapping:
    """The dict part of defaultdict, Counter and OrderedDict. CPython's are dict
    subclasses; Interleave cannot subclass dict, so these keep a dict and answer its
    protocol, and `isinstance(x, dict)` is true through `__interleave_value_type__`."""

    __interleave_value_type__ = dict

    def __class_getitem__(cls, item):
        # `Counter[str]`: a `types.GenericAlias`, as CPython's containers make.
        import types
        return types.GenericAlias(cls, item)

    def __init__(self, *args, **kwds):
        self._data = {}
        self.update(*args, **kwds)

    def __getitem__(self, key):
        data = self._data
        if key in data:
            return data[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._data[key] = value

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        return key in self._data

    def __iter__(self):
        return iter(self._data)

    def __len__(self):
        return len(self._data)

    def __bool__(self):
        return len(self._data) > 0

    def __eq__(self, other):
        if isinstance(other, _Mapping):
            other = other._data
        return self._data == other

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, key, default=None):
        return self._data.get(key, default)

    def setdefault(self, key, default=None):
        return self._data.setdefault(key, default)

    def pop(self, key, *default):
        return self._data.pop(key, *default)

    def popitem(self):
        return self._data.popitem()

    def clear(self):
        self._data.clear()

    def update(self, other=(), /, **kwds):
        if isinstance(other, _Mapping):
            other = other._data
        if hasattr(other, 'keys'):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kwds.items():
            self[k] = v

    def copy(self):
        new = object.__new__(self.__class__)
        _copy_into(self, new)
        return new

    def __or__(self, other):
        new = self.copy()
        new.update(other)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


def _copy_into(src, dst):
    for name in ('default_factory',):
        if hasattr(src, name):
            setattr(dst, name, getattr(src, name))
    dst._data = dict(src._data)


class defaultdict(_Mapping):
    """dict subclass that calls a factory function to supply missing values."""

    def __init__(self, default_factory=None, *args, **kwds):
        if default_factory is not None and not callable(default_factory):
            raise TypeError('first argument must be callable or None')
        self.default_factory = default_factory
        super().__init__(*args, **kwds)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._data[key] = value
        return value

    def __repr__(self):
        return '%s(%r, %r)' % (self.__class__.__name__, self.default_factory, self._data)


class OrderedDict(_Mapping):
    """Dictionary that remembers insertion order (and can move keys to either end)."""

    def move_to_end(self, key, last=True):
        value = self._data.pop(key)
        if last:
            self._data[key] = value
        else:
            rest = self._data
            self._data = {key: value}
            self._data.update(rest)

    def popitem(self, last=True):
        if not self._data:
            raise KeyError('dictionary is empty')
        key = list(self._data)[-1] if last else next(iter(self._data))
        return key, self._data.pop(key)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._data.items()) == list(other._data.items())
        return _Mapping.__eq__(self, other)

    def __repr__(self):
        if not self._data:
            return '%s()' % (self.__class__.__name__,)
        return '%s(%r)' % (self.__class__.__name__, list(self._data.items()))


class Counter(_Mapping):
    """Dict subclass for counting hashable items (CPython 3.11's Counter)."""

    def __init__(self, iterable=None, /, **kwds):
        self._data = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._data.values())

    def most_common(self, n=None):
        # sorted() is stable: equal counts keep the order first encountered.
        items = sorted(self._data.items(), key=lambda kv: kv[1], reverse=True)
        return items if n is None else items[:n]

    def elements(self):
        for elem, count in self._data.items():
            for _ in range(count):
                yield elem

    def update(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, _Mapping) or hasattr(iterable, 'keys'):
                for elem in iterable.keys():
                    self._data[elem] = self[elem] + iterable[elem]
            else:
                for elem in iterable:
                    self._data[elem] = self[elem] + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        if iterable is not None:
            if isinstance(iterable, _Mapping) or hasattr(iterable, 'keys'):
                for elem in iterable.keys():
                    self._data[elem] = self[elem] - iterable[elem]
            else:
                for elem in iterable:
                    self._data[elem] = self[elem] - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return self.__class__(self)

    def __delitem__(self, elem):
        if elem in self._data:
            del self._data[elem]

    def __repr__(self):
        if not self._data:
            return f'{self.__class__.__name__}()'
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self._data)
        return f'{self.__class__.__name__}({d!r})'

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result
