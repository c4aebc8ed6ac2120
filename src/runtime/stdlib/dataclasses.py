"""dataclasses: @dataclass with init, repr, eq, order, frozen, unsafe_hash and
__post_init__; field, fields, asdict, astuple, replace, is_dataclass: CPython 3.11's
Lib/dataclasses.py, with the generated methods built as closures instead of `exec`'d
source. Messages are CPython's (`Point.__init__() missing 1 required positional
argument: 'y'`, `cannot assign to field 'x'`).

A frozen class's fields are properties without a setter, so assigning one raises
FrozenInstanceError, and the generated __init__ stores the values directly.
"""

import _interleave


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class FrozenInstanceError(AttributeError):
    pass


class InitVar:
    def __init__(self, type):
        self.type = type


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return (f"Field(name={self.name!r},type={self.type!r},default={self.default!r},"
                f"default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},"
                f"hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},"
                f"kw_only={self.kw_only!r},_field_type=_FIELD)")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
          metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    text = repr(annotation)
    return text == "typing.ClassVar" or text.startswith("typing.ClassVar[")


def _collect_fields(cls, kw_only):
    fields = {}
    for base in reversed(cls.__mro__[1:]):
        base_fields = base.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            for f in base_fields.values():
                fields[f.name] = f
    annotations = cls.__dict__.get("__annotations__", {})
    for name, tp in annotations.items():
        if _is_classvar(tp):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = tp
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory")
        fields[name] = f
        # The class attribute is the default, or nothing (CPython deletes a Field).
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
    return fields


def _make_init(cls, fields, frozen):
    qual = cls.__qualname__ + ".__init__"
    positional = [f for f in fields if f.init and not f.kw_only]
    keyword = [f for f in fields if f.init and f.kw_only]
    seen_default = False
    for f in positional:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        seen_default = seen_default or has_default
    names = [f.name for f in positional] + [f.name for f in keyword]
    nrequired = len([f for f in positional if f.default is MISSING and f.default_factory is MISSING])

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            if nrequired == len(positional):
                takes = f"{len(positional) + 1} positional argument" + ("s" if len(positional) else "")
            else:
                takes = f"from {nrequired + 1} to {len(positional) + 1} positional arguments"
            given = len(args) + 1
            raise TypeError(f"{qual}() takes {takes} but {given} {'was' if given == 1 else 'were'} given")
        values = {}
        for f, v in zip(positional, args):
            values[f.name] = v
        for k, v in kwargs.items():
            if k not in names:
                raise TypeError(f"{qual}() got an unexpected keyword argument '{k}'")
            if k in values:
                raise TypeError(f"{qual}() got multiple values for argument '{k}'")
            values[k] = v
        missing = [f.name for f in positional if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError(_missing_message(qual, "positional", missing))
        missing = [f.name for f in keyword if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError(_missing_message(qual, "keyword-only", missing))
        for f in fields:
            if f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                v = f.default
            else:
                continue
            if isinstance(f.type, InitVar):
                continue
            if frozen:
                _interleave.set_instance_attr(self, f.name, v)
            else:
                setattr(self, f.name, v)
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init(*[values.get(f.name, f.default) for f in fields if isinstance(f.type, InitVar)])

    return __init__


def _missing_message(qual, kind, missing):
    quoted = [f"'{m}'" for m in missing]
    if len(quoted) == 1:
        listed = quoted[0]
    elif len(quoted) == 2:
        listed = quoted[0] + " and " + quoted[1]
    else:
        listed = ", ".join(quoted[:-1]) + ", and " + quoted[-1]
    s = "" if len(missing) == 1 else "s"
    return f"{qual}() missing {len(missing)} required {kind} argument{s}: {listed}"


def _tuple_of(obj, fields):
    return tuple([getattr(obj, f.name) for f in fields])


def _make_repr(fields):
    shown = [f for f in fields if f.repr]

    def __repr__(self):
        inner = ", ".join([f"{f.name}={getattr(self, f.name)!r}" for f in shown])
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _make_compare(cls, fields, op):
    compared = [f for f in fields if f.compare]

    def compare(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        a = _tuple_of(self, compared)
        b = _tuple_of(other, compared)
        if op == "eq":
            return a == b
        if op == "lt":
            return a < b
        if op == "le":
            return a <= b
        if op == "gt":
            return a > b
        return a >= b

    return compare


def _frozen_property(name):
    def get(self):
        return self.__dict__[name]

    def set(self, value):
        raise FrozenInstanceError(f"cannot assign to field '{name}'")

    return property(get, set)


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    bases_frozen = [b.__dataclass_params__[5] for b in cls.__mro__[1:] if "__dataclass_params__" in b.__dict__]
    if bases_frozen:
        if any(bases_frozen) and not frozen:
            raise TypeError("cannot inherit non-frozen dataclass from a frozen one")
        if not all(bases_frozen) and frozen:
            raise TypeError("cannot inherit frozen dataclass from a non-frozen one")
    fields = _collect_fields(cls, kw_only)
    cls.__dataclass_fields__ = fields
    cls.__dataclass_params__ = (init, repr, eq, order, unsafe_hash, frozen)
    flist = [f for f in fields.values() if not isinstance(f.type, InitVar)]
    all_fields = list(fields.values())
    own = cls.__dict__
    # As CPython: a `__hash__ = None` the class got implicitly by defining `__eq__`
    # is not an explicit hash.
    class_hash = own.get("__hash__", MISSING)
    explicit_hash = not (class_hash is MISSING or (class_hash is None and "__eq__" in own))
    if init:
        cls.__init__ = _make_init(cls, all_fields, frozen)
    if repr and "__repr__" not in own:
        cls.__repr__ = _make_repr(flist)
    if eq and "__eq__" not in own:
        cls.__eq__ = _make_compare(cls, flist, "eq")
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for op in ("lt", "le", "gt", "ge"):
            name = f"__{op}__"
            if name in own:
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}. Consider using functools.total_ordering")
            setattr(cls, name, _make_compare(cls, flist, op))
    if frozen:
        for f in flist:
            setattr(cls, f.name, _frozen_property(f.name))
    # CPython's `_hash_action` table: add a field hash, set `__hash__ = None`, or leave it.
    if unsafe_hash and explicit_hash:
        raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
    if unsafe_hash or (eq and frozen and not explicit_hash):
        hashed = [f for f in flist if (f.compare if f.hash is None else f.hash)]
        cls.__hash__ = lambda self: hash(_tuple_of(self, hashed))
    elif eq and not frozen and not explicit_hash:
        cls.__hash__ = None
    if match_args:
        cls.__match_args__ = tuple([f.name for f in all_fields if f.init and not f.kw_only])
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fs = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple([f for f in fs.values() if not isinstance(f.type, InitVar)])


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def _is_dataclass_instance(obj):
    return hasattr(type(obj), "__dataclass_fields__")


def _copy(obj, convert):
    if _is_dataclass_instance(obj):
        return convert(obj)
    if isinstance(obj, list):
        return [_copy(v, convert) for v in obj]
    if isinstance(obj, tuple):
        return tuple([_copy(v, convert) for v in obj])
    if isinstance(obj, dict):
        return {_copy(k, convert): _copy(v, convert) for k, v in obj.items()}
    return obj


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")

    def convert(o):
        return dict_factory([(f.name, _copy(getattr(o, f.name), convert)) for f in fields(o)])

    return convert(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")

    def convert(o):
        return tuple_factory([_copy(getattr(o, f.name), convert) for f in fields(o)])

    return convert(obj)


def replace(obj, /, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in obj.__dataclass_fields__.values():
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be specified with replace()")
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
