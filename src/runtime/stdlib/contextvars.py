"""contextvars, after CPython 3.11's Python/context.c (PEP 567).

A Context is a mapping of ContextVar to value. Each thread has a current context (a new
thread starts with an empty one, as in 3.11), each asyncio Task runs every step in the
copy of the context it was created in, and `to_thread` runs its function in a copy of the
caller's. `ContextVar.set` makes a new mapping (copy on write) rather than changing the
one a copy shares, so copies never see each other's changes. The current context lives
in the runtime (`_contextvars`), which swaps it with the thread and the task.
"""

import _contextvars

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_MISSING = object()


def _current():
    ctx = _contextvars.get()
    if ctx is None:
        ctx = Context()
        _contextvars.set(ctx)
    return ctx


def copy_context():
    return _current().copy()


class Context:
    __slots__ = ('_data', '_entered', '_prev')

    def __init__(self):
        self._data = {}
        self._entered = False
        self._prev = None

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'Context' is not an acceptable base type")

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(f'cannot enter context: {self!r} is already entered')
        self._prev = _contextvars.get()
        self._entered = True
        _contextvars.set(self)
        try:
            return callable(*args, **kwargs)
        finally:
            _contextvars.set(self._prev)
            self._prev = None
            self._entered = False

    def copy(self):
        c = Context()
        c._data = self._data
        return c

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return self._data.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(f"a ContextVar key was expected, got {var!r}")
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None


class ContextVar:
    __slots__ = ('_name', '_default')

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    @property
    def name(self):
        return self._name

    def get(self, *args):
        if len(args) > 1:
            raise TypeError(f"get expected at most 1 argument, got {len(args)}")
        data = _current()._data
        if self in data:
            return data[self]
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _current()
        old = ctx._data.get(self, Token.MISSING)
        data = dict(ctx._data)
        data[self] = value
        ctx._data = data
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError(f"expected an instance of Token, got {token!r}")
        if token._used:
            raise RuntimeError(f"{token!r} has already been used once")
        if token._var is not self:
            raise ValueError(f"{token!r} was created by a different ContextVar")
        ctx = _current()
        if token._ctx is not ctx:
            raise ValueError(f"{token!r} was created in a different Context")
        data = dict(ctx._data)
        if token._old is Token.MISSING:
            data.pop(self, None)
        else:
            data[self] = token._old
        ctx._data = data
        token._used = True

    def __class_getitem__(cls, item):
        return cls

    def __repr__(self):
        default = ''
        if self._default is not _MISSING:
            default = f' default={self._default!r}'
        return f"<ContextVar name={self._name!r}{default} at 0x{id(self):x}>"


class _Missing:
    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    __slots__ = ('_ctx', '_var', '_old', '_used')

    MISSING = _Missing()

    def __init__(self, ctx, var, old):
        self._ctx = ctx
        self._var = var
        self._old = old
        self._used = False

    @property
    def var(self):
        return self._var

    @property
    def old_value(self):
        return self._old

    def __class_getitem__(cls, item):
        return cls

    def __repr__(self):
        used = ' used' if self._used else ''
        return f"<Token{used} var={self._var!r} at 0x{id(self):x}>"
