"""The Python half of `types`: `GenericAlias` (what `list[int]` makes, CPython's
`Objects/genericaliasobject.c`) and `UnionType` (what `int | None` makes,
`Objects/unionobject.c`), with CPython's reprs and equality. The VM makes them through
its `generic_alias` and `union_type` hooks."""


def _type_repr(obj):
    # As `ga_repr_item`: a class by its qualified name (no module for builtins), `...`
    # for Ellipsis, anything else by its repr.
    if obj is Ellipsis:
        return '...'
    if obj is type(None):
        return 'None'
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return '%s.%s' % (obj.__module__, obj.__qualname__)
    return repr(obj)


class GenericAlias:
    """`list[int]`: the class `list` with its parameters, for annotations."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = ()

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        # `class IntStack(Stack[int])` subclasses `Stack`.
        return (self.__origin__,)

    def __getattr__(self, name):
        if name.startswith('__') and name.endswith('__'):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __repr__(self):
        if not self.__args__:
            return '%s[()]' % _type_repr(self.__origin__)
        return '%s[%s]' % (_type_repr(self.__origin__), ', '.join(_type_repr(a) for a in self.__args__))

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)

    def __getitem__(self, item):
        raise TypeError("%r is not a generic class" % (self,))

    def __instancecheck__(self, obj):
        raise TypeError('isinstance() argument 2 cannot be a parameterized generic')


def _union_args(x):
    if x is None:
        return (type(None),)
    if isinstance(x, UnionType):
        return x.__args__
    return (x,)


def _union(a, b):
    for x in (a, b):
        if not (x is None or isinstance(x, (type, GenericAlias, UnionType))):
            return NotImplemented
    args = []
    for x in _union_args(a) + _union_args(b):
        if x not in args:
            args.append(x)
    if len(args) == 1:
        return args[0]
    return UnionType(tuple(args))


class UnionType:
    """`int | None`: a union of types, for annotations and `isinstance`."""

    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = ()

    def __repr__(self):
        return ' | '.join(_type_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        return _union(self, other)

    def __ror__(self, other):
        return _union(other, self)


GenericAlias.__module__ = 'types'
UnionType.__module__ = 'types'
