"""collections: small pure-Python versions of deque and namedtuple (CPython 3.11's
Lib/collections/__init__.py has the full ones), as learners' programs use them.
"""


class deque:
    def __init__(self, iterable=(), maxlen=None):
        self._items = []
        self.maxlen = maxlen
        for x in iterable:
            self.append(x)

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


def namedtuple(typename, field_names, *, defaults=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(',', ' ').split()
    fields = tuple(field_names)

    class _NT:
        _fields = fields

        def __init__(self, *args, **kwargs):
            values = list(args)
            for name in fields[len(values):]:
                values.append(kwargs[name])
            for name, value in zip(fields, values):
                setattr(self, name, value)

        def __iter__(self):
            return iter([getattr(self, f) for f in fields])

        def __getitem__(self, i):
            return [getattr(self, f) for f in fields][i]

        def __len__(self):
            return len(fields)

        def __eq__(self, other):
            return list(self) == list(other)

        def __hash__(self):
            return hash(tuple(self))

        def _asdict(self):
            return {f: getattr(self, f) for f in fields}

        def __repr__(self):
            inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in fields)
            return f"{typename}({inner})"

    _NT.__name__ = typename
    return _NT
