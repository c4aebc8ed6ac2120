"""typing: every name a program writes in its annotations, subscriptable and printable as
in CPython 3.11's Lib/typing.py (`typing.List[int]`, `typing.Optional[str]`,
`typing.Callable[..., typing.Awaitable[~T]]`). Nothing here checks types, as in CPython:
annotations are evaluated and kept, never enforced.

`Generic`, `Protocol`, `NamedTuple` and `TypedDict` are classes, so they can be bases;
subscripting a class (`Generic[T]`, `Stack[int]`) gives the class back.
"""

TYPE_CHECKING = False


def _type_repr(obj):
    # CPython's typing._type_repr: builtins by their name, other classes by module.qualname.
    if isinstance(obj, type):
        if obj.__module__ == "builtins":
            return obj.__qualname__
        return f"{obj.__module__}.{obj.__qualname__}"
    if obj is ...:
        return "..."
    if obj is None:
        return "None"
    if isinstance(obj, list):
        return "[" + ", ".join([_type_repr(a) for a in obj]) + "]"
    return repr(obj)


class _GenericAlias:
    """`List[int]`: an origin with its arguments."""

    def __init__(self, origin, args, name):
        self.__origin__ = origin
        self.__args__ = args
        self._name = name

    def __repr__(self):
        if self._name == "Optional":
            return f"typing.Optional[{_type_repr(self.__args__[0])}]"
        if not self.__args__:
            return f"typing.{self._name}[()]"
        return f"typing.{self._name}[" + ", ".join([_type_repr(a) for a in self.__args__]) + "]"

    @property
    def __parameters__(self):
        found = []
        for a in self.__args__:
            for p in ([a] if isinstance(a, TypeVar) else getattr(a, "__parameters__", ())):
                if p not in found:
                    found.append(p)
        return tuple(found)

    def _copy_with(self, args):
        return _GenericAlias(self.__origin__, args, self._name)

    def _subst(self, mapping):
        args = []
        for a in self.__args__:
            if isinstance(a, TypeVar):
                args.append(mapping.get(a, a))
            elif isinstance(a, _GenericAlias):
                args.append(a._subst(mapping))
            else:
                args.append(a)
        return self._copy_with(tuple(args))

    def __getitem__(self, params):
        # Substituting type variables (`Handler[int]` for `Callable[..., Awaitable[T]]`).
        if not isinstance(params, tuple):
            params = (params,)
        variables = self.__parameters__
        if len(params) != len(variables):
            raise TypeError(f"Too {'many' if len(params) > len(variables) else 'few'} arguments for {self!r}")
        return self._subst(dict(zip(variables, params)))

    def __call__(self, *args, **kwargs):
        # CPython refuses to instantiate the aliases of builtins (`List[int]()`).
        if not isinstance(self.__origin__, type) or self.__origin__.__module__ == "builtins":
            raise TypeError(f"Type {self._name} cannot be instantiated; use {self.__origin__.__name__}() instead")
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash((self._name, self.__args__))

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _SpecialForm:
    """A name that is only meaningful subscripted or bare: `List`, `Union`, `Any`."""

    def __init__(self, name, origin=None, nparams=-1):
        self._name = name
        self.__origin__ = origin
        self._nparams = nparams
        self.__name__ = name

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        name = self._name
        if name == "Union" or name == "Optional":
            if name == "Optional":
                if len(params) != 1:
                    raise TypeError(f"typing.Optional requires a single type. Got {params!r}.")
                params = (params[0], None)
            flat = []
            for p in params:
                if isinstance(p, _GenericAlias) and p._name in ("Union", "Optional"):
                    ps = p.__args__
                else:
                    ps = (p,)
                for q in ps:
                    q = type(None) if q is None else q
                    if q not in flat:
                        flat.append(q)
            if len(flat) == 1:
                return flat[0]
            if len(flat) == 2 and flat[1] is type(None):
                return _GenericAlias(Union, (flat[0], type(None)), "Optional")
            return _GenericAlias(Union, tuple(flat), "Union")
        if name == "Callable" and len(params) == 2:
            args, result = params
            if isinstance(args, list):
                return _CallableAlias(self.__origin__, tuple(args) + (result,), "Callable", True)
            return _CallableAlias(self.__origin__, (args, result), "Callable", False)
        if self._nparams == 0:
            raise TypeError(f"typing.{name} is not subscriptable")
        return _GenericAlias(self.__origin__ if self.__origin__ is not None else self, params, name)

    def __call__(self, *args, **kwargs):
        raise TypeError(f"Cannot instantiate typing.{self._name}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class _CallableAlias(_GenericAlias):
    def __init__(self, origin, args, name, listed):
        _GenericAlias.__init__(self, origin, args, name)
        self._listed = listed

    def _copy_with(self, args):
        return _CallableAlias(self.__origin__, args, self._name, self._listed)

    def __repr__(self):
        if not self._listed:
            return f"typing.Callable[{_type_repr(self.__args__[0])}, {_type_repr(self.__args__[-1])}]"
        args = ", ".join([_type_repr(a) for a in self.__args__[:-1]])
        return f"typing.Callable[[{args}], {_type_repr(self.__args__[-1])}]"


class TypeVar:
    """`T = TypeVar('T')`: printed `~T` (`+T`/`-T` when covariant/contravariant)."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        if self.__covariant__:
            return "+" + self.__name__
        if self.__contravariant__:
            return "-" + self.__name__
        return "~" + self.__name__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


class ParamSpec(TypeVar):
    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        TypeVar.__init__(self, name, bound=bound, covariant=covariant, contravariant=contravariant)
        self.args = _SpecialForm(name + ".args")
        self.kwargs = _SpecialForm(name + ".kwargs")


class Generic:
    """A base class for generic classes: `class Stack(Generic[T])`."""


class Protocol(Generic):
    """A base class for structural types: `class Greeter(Protocol)`."""


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__supertype__ = tp
    return new_type


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return dict(getattr(obj, "__annotations__", {}))


def get_origin(tp):
    return getattr(tp, "__origin__", None) if isinstance(tp, _GenericAlias) else None


def get_args(tp):
    if isinstance(tp, _CallableAlias) and tp._listed:
        return (list(tp.__args__[:-1]), tp.__args__[-1])
    return tp.__args__ if isinstance(tp, _GenericAlias) else ()


def assert_never(arg):
    raise AssertionError(f"Expected code to be unreachable, but got: {arg!r}")


def reveal_type(obj):
    import sys
    sys.stderr.write(f"Runtime type is {type(obj).__name__!r}\n")
    return obj


Any = _SpecialForm("Any", nparams=0)
NoReturn = _SpecialForm("NoReturn", nparams=0)
Never = _SpecialForm("Never", nparams=0)
Self = _SpecialForm("Self", nparams=0)
LiteralString = _SpecialForm("LiteralString", nparams=0)
TypeAlias = _SpecialForm("TypeAlias", nparams=0)
Union = _SpecialForm("Union")
Optional = _SpecialForm("Optional")
Literal = _SpecialForm("Literal")
Final = _SpecialForm("Final")
ClassVar = _SpecialForm("ClassVar")
Annotated = _SpecialForm("Annotated")
Concatenate = _SpecialForm("Concatenate")
TypeGuard = _SpecialForm("TypeGuard")
Required = _SpecialForm("Required")
NotRequired = _SpecialForm("NotRequired")
Text = str
AnyStr = TypeVar("AnyStr", str)

# The aliases of builtin and abstract collection types (`List` stands for `list`).
List = _SpecialForm("List", list)
Dict = _SpecialForm("Dict", dict)
Set = _SpecialForm("Set", set)
FrozenSet = _SpecialForm("FrozenSet")
Tuple = _SpecialForm("Tuple", tuple)
Type = _SpecialForm("Type", type)
Callable = _SpecialForm("Callable")
Deque = _SpecialForm("Deque")
DefaultDict = _SpecialForm("DefaultDict")
OrderedDict = _SpecialForm("OrderedDict")
Counter = _SpecialForm("Counter")
ChainMap = _SpecialForm("ChainMap")
Iterable = _SpecialForm("Iterable")
Iterator = _SpecialForm("Iterator")
Reversible = _SpecialForm("Reversible")
Collection = _SpecialForm("Collection")
Container = _SpecialForm("Container")
Sequence = _SpecialForm("Sequence")
MutableSequence = _SpecialForm("MutableSequence")
Mapping = _SpecialForm("Mapping")
MutableMapping = _SpecialForm("MutableMapping")
AbstractSet = _SpecialForm("AbstractSet")
MutableSet = _SpecialForm("MutableSet")
MappingView = _SpecialForm("MappingView")
KeysView = _SpecialForm("KeysView")
ItemsView = _SpecialForm("ItemsView")
ValuesView = _SpecialForm("ValuesView")
Hashable = _SpecialForm("Hashable", nparams=0)
Sized = _SpecialForm("Sized", nparams=0)
Awaitable = _SpecialForm("Awaitable")
Coroutine = _SpecialForm("Coroutine")
AsyncIterable = _SpecialForm("AsyncIterable")
AsyncIterator = _SpecialForm("AsyncIterator")
Generator = _SpecialForm("Generator")
AsyncGenerator = _SpecialForm("AsyncGenerator")
ContextManager = _SpecialForm("ContextManager")
AsyncContextManager = _SpecialForm("AsyncContextManager")
Pattern = _SpecialForm("Pattern")
Match = _SpecialForm("Match")
SupportsInt = _SpecialForm("SupportsInt", nparams=0)
SupportsFloat = _SpecialForm("SupportsFloat", nparams=0)
SupportsAbs = _SpecialForm("SupportsAbs")
SupportsIndex = _SpecialForm("SupportsIndex", nparams=0)
SupportsRound = _SpecialForm("SupportsRound")


# NamedTuple and TypedDict, as CPython 3.11's typing.py builds them: `class P(NamedTuple)`
# goes through `NamedTuple.__mro_entries__` to a metaclass that makes a
# `collections.namedtuple` from the annotations (with their defaults) and copies the rest
# of the class body onto it; `class D(TypedDict)` makes a plain dict type.
_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__',
                         '_fields', '_field_defaults', '_make', '_replace', '_asdict', '_source'})
_special = frozenset({'__module__', '__name__', '__annotations__', '__qualname__', '__doc__'})


def _make_nmtuple(name, types, module, defaults=()):
    import collections
    fields = [n for n, t in types]
    nm_tpl = collections.namedtuple(name, fields, defaults=defaults, module=module)
    nm_tpl.__annotations__ = dict(types)
    return nm_tpl


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {field_name} "
                                f"cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} "
                                f"{', '.join(default_names)}")
        nm_tpl = _make_nmtuple(typename, types.items(), module=ns.get('__module__'),
                               defaults=[ns[n] for n in default_names])
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            elif key not in _special and key not in nm_tpl._fields:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl


class _NamedTupleFunction:
    """`typing.NamedTuple`: a function in CPython with a `__mro_entries__` attribute; here
    an object with both (Interleave functions take no attributes)."""

    __name__ = __qualname__ = 'NamedTuple'

    def __call__(self, typename, fields=None, /, **kwargs):
        if fields is None:
            fields = kwargs.items()
        elif kwargs:
            raise TypeError("Either list of fields or keywords can be provided to NamedTuple, not both")
        return _make_nmtuple(typename, fields, module='__main__')

    def __mro_entries__(self, bases):
        return (_NamedTuple,)

    def __repr__(self):
        return '<function NamedTuple>'


NamedTuple = _NamedTupleFunction()
_NamedTuple = type.__new__(NamedTupleMeta, 'NamedTuple', (), {})


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        tp_dict = type.__new__(_TypedDictMeta, name, (dict,), ns)
        annotations = {}
        for base in bases:
            annotations.update(base.__dict__.get('__annotations__', {}))
        annotations.update(ns.get('__annotations__', {}))
        tp_dict.__annotations__ = annotations
        tp_dict.__total__ = total
        return tp_dict

    # Calling a TypedDict class makes a plain dict (`Movie(title=...)`).
    def __call__(cls, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        raise TypeError('TypedDict does not support instance and class checks')

    __instancecheck__ = __subclasscheck__


class _TypedDictFunction:
    """`typing.TypedDict`, callable and usable as a base, as `NamedTuple` above."""

    __name__ = __qualname__ = 'TypedDict'

    def __call__(self, typename, fields=None, /, *, total=True, **kwargs):
        if fields is None:
            fields = kwargs
        ns = {'__annotations__': dict(fields), '__module__': '__main__'}
        return _TypedDictMeta(typename, (), ns, total=total)

    def __mro_entries__(self, bases):
        return (_TypedDict,)

    def __repr__(self):
        return '<function TypedDict>'


TypedDict = _TypedDictFunction()
_TypedDict = type.__new__(_TypedDictMeta, 'TypedDict', (), {})
