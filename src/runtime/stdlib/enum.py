"""enum: a port of CPython 3.11's Lib/enum.py, simplified.

What it keeps: `EnumType` as the metaclass (members made when the class is built,
aliases for repeated values, `auto()` with `_generate_next_value_`, lookup by value
`Color(1)` and by name `Color['RED']`, iteration in definition order, `__members__`,
`len`, `in`, members that cannot be reassigned), `Enum`, `IntEnum`, `StrEnum`,
`ReprEnum`, `Flag` and `IntFlag` (composite members such as `Perm.R|W`), `auto`,
`unique`, and `(int, Enum)`/`(str, Enum)` mixins. Members print as CPython's do:
`Color.RED`, `<Color.RED: 1>`, `<enum 'Color'>`.

What differs: Interleave cannot subclass `int` or `str`, so an int or str mixin is a
Python class (`_IntValue`, `_StrValue`) whose operators use the member's value;
`isinstance(Priority.LOW, int)` is answered by the VM from that class
(`__interleave_value_type__`). The functional API takes a string or list of names.
"""

__all__ = [
    'EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'Flag', 'IntFlag', 'ReprEnum',
    'auto', 'unique', 'global_enum',
]

from _interleave_value_ops import IntOps as _IntOps, ValueOps as _ValueOps, _plain

_auto_null = object()


class auto:
    """Instances are replaced with an appropriate value in Enum class suites."""

    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == '__' and name[2] != '_' and name[-3] != '_'


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == '_' and name[1:2] != '_' and name[-2:-1] != '_'


def _is_descriptor(obj):
    # CPython asks for __get__/__set__/__delete__; functions have __get__ there.
    if isinstance(obj, (staticmethod, classmethod, property)):
        return True
    tn = type(obj).__name__
    if tn in ('function', 'builtin_function_or_method', 'method'):
        return True
    return hasattr(obj, '__get__') or hasattr(obj, '__set__') or hasattr(obj, '__delete__')


def _is_single_bit(num):
    if num == 0:
        return False
    num &= num - 1
    return num == 0


class _IntValue(_IntOps):
    """The `int` part of IntEnum/IntFlag/`(int, Enum)`: int's operators on the member's
    value (`_interleave_value_ops.IntOps`, shared with `class X(int)`)."""

    __interleave_value_type__ = int


class _StrValue(_ValueOps):
    """The `str` part of StrEnum/`(str, Enum)`: comparisons and methods on the value."""

    __interleave_value_type__ = str

    def __len__(self):
        return len(self._value_)

    def __contains__(self, item):
        return _plain(item) in self._value_

    def __iter__(self):
        return iter(self._value_)

    def __getitem__(self, i):
        return self._value_[i]

    def __getattr__(self, name):
        # str methods (`upper`, `startswith`...) act on the value.
        if name.startswith('_'):
            raise AttributeError(name)
        return getattr(self._value_, name)


_VALUE_MIXINS = {int: _IntValue, str: _StrValue}


Enum = None
Flag = None
ReprEnum = None


class EnumType(type):
    """Metaclass for Enum."""

    def __new__(metacls, cls, bases, classdict, boundary=None):
        # An int or str base becomes its value mixin (Interleave cannot subclass them).
        bases = tuple(_VALUE_MIXINS.get(b, b) for b in bases)
        classdict = dict(classdict)
        ignore = classdict.pop('_ignore_', [])
        if isinstance(ignore, str):
            ignore = ignore.replace(',', ' ').split()
        for key in ignore:
            classdict.pop(key, None)
        member_type, first_enum = metacls._get_mixins_(cls, bases)
        # Which names are members: not dunder, not sunder, not descriptors (methods,
        # properties), as `_EnumDict.__setitem__` decides.
        gnv = classdict.get('_generate_next_value_')
        if gnv is None:
            gnv = getattr(first_enum, '_generate_next_value_', None) if first_enum is not None else None
        if isinstance(gnv, staticmethod):
            gnv = gnv.__func__
        member_names = []
        member_values = []
        for key in list(classdict):
            value = classdict[key]
            if _is_dunder(key) or _is_sunder(key) or _is_descriptor(value):
                continue
            if isinstance(value, type):
                continue
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = gnv(key, 1, len(member_names), member_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple(
                    (gnv(key, 1, len(member_names), member_values[:]) if v.value is _auto_null else v.value)
                    if isinstance(v, auto) else v
                    for v in value
                )
            member_names.append(key)
            member_values.append(value)
            del classdict[key]
        invalid = set(member_names) & {'mro', ''}
        if invalid:
            raise ValueError('invalid enum member name(s) %s' % ','.join(repr(n) for n in sorted(invalid)))
        classdict['_new_member_'] = getattr(first_enum, '__new_member__', None) if first_enum is not None else None
        classdict['_member_names_'] = []
        classdict['_member_map_'] = {}
        classdict['_value2member_map_'] = {}
        classdict['_member_type_'] = member_type
        if Flag is not None and any(issubclass(b, Flag) for b in bases if isinstance(b, type)):
            classdict['_flag_mask_'] = 0
            classdict['_all_bits_'] = 0
        custom_new = classdict.get('__new__')
        if isinstance(custom_new, staticmethod):
            custom_new = custom_new.__func__
        enum_class = super().__new__(metacls, cls, bases, classdict)
        if first_enum is not None and custom_new is None:
            custom_new = getattr(first_enum, '__new_member__', None)
        use_args = member_type is not object
        for name, value in zip(member_names, member_values):
            enum_class._add_member_(name, value, custom_new, use_args)
        if Flag is not None and issubclass(enum_class, Flag):
            # The int mixin's operators must not hide Flag's (`IntFlag.R | IntFlag.W`).
            for op in ('__or__', '__and__', '__xor__', '__ror__', '__rand__', '__rxor__', '__invert__'):
                if op not in classdict:
                    type.__setattr__(enum_class, op, getattr(Flag, op))
            mask = 0
            for m in enum_class._member_map_.values():
                if isinstance(m._value_, int):
                    mask |= m._value_
            type.__setattr__(enum_class, '_flag_mask_', mask)
            type.__setattr__(enum_class, '_all_bits_', 2 ** mask.bit_length() - 1 if mask else 0)
        # Creating members is done: calling the class now looks a value up.
        if Enum is not None:
            if custom_new is not None:
                type.__setattr__(enum_class, '__new_member__', custom_new)
            type.__setattr__(enum_class, '__new__', Enum.__new__)
        return enum_class

    def _add_member_(cls, name, value, custom_new, use_args):
        if not isinstance(value, tuple):
            args = (value,)
        else:
            args = value
        if cls._member_type_ is tuple:
            args = (args,)
        if custom_new is not None:
            member = custom_new(cls, *args)
            if not hasattr(member, '_value_'):
                member._value_ = cls._member_type_(*args) if use_args else value
        else:
            member = object.__new__(cls)
            if use_args:
                member._value_ = cls._member_type_(*args)
            else:
                member._value_ = value
        value = member._value_
        member._name_ = name
        member.__objclass__ = cls
        member._sort_order_ = len(cls._member_names_)
        init = getattr(cls, '__init__', None)
        if init is not None and init is not object.__init__:
            init(member, *args)
        # An alias: a later name for a value already taken.
        canonical = None
        for m_name in cls._member_names_:
            m = cls._member_map_[m_name]
            if m._value_ == value:
                canonical = m
                break
        if canonical is not None:
            member = canonical
        elif Flag is None or not issubclass(cls, Flag) or not isinstance(value, int) or _is_single_bit(value):
            cls._member_names_.append(name)
        # (A Flag value of several bits, or 0, is named but not iterated, as in 3.11.)
        cls._member_map_[name] = member
        try:
            cls._value2member_map_.setdefault(value, member)
        except TypeError:
            pass
        type.__setattr__(cls, name, member)

    @staticmethod
    def _get_mixins_(class_name, bases):
        if not bases or Enum is None:
            return object, Enum
        last = bases[-1]
        if not (isinstance(last, EnumType)):
            raise TypeError("new enumerations should be created as "
                            "`EnumName([mixin_type, ...] [data_type,] enum_type)`")
        member_type = object
        for base in bases:
            for k in base.__mro__:
                if k is _IntValue:
                    member_type = int
                elif k is _StrValue:
                    member_type = str
        return member_type, last

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        first_enum = bases[-1]
        classdict = {}
        if isinstance(names, str):
            names = names.replace(',', ' ').split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original_names, names = names, []
            last_values = []
            for count, name in enumerate(original_names):
                value = first_enum._generate_next_value_(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        if isinstance(names, dict):
            names = list(names.items())
        for item in names:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        if module is not None:
            classdict['__module__'] = module
        if qualname is not None:
            classdict['__qualname__'] = qualname
        return metacls.__new__(metacls, class_name, bases, classdict)

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (
                    type(member).__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls._member_map_:
            raise AttributeError("%r cannot delete member %r." % (cls.__name__, attr))
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % cls.__name__
        return "<enum %r>" % cls.__name__

    def __setattr__(cls, name, value):
        member_map = cls.__dict__.get('_member_map_', {})
        if name in member_map:
            raise AttributeError('cannot reassign member %r' % (name,))
        type.__setattr__(cls, name, value)


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    def __new__(cls, value):
        if type(value) is cls:
            # For lookups like Color(Color.RED)
            return value
        # by-value search for a matching enum member: the reverse mapping for hashable
        # values, a long search for the others
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        # still not found -- verify that members exist
        if not cls._member_map_:
            raise TypeError("%r has no members defined" % cls)
        # still not found -- try _missing_ hook
        exc = None
        result = None
        try:
            result = cls._missing_(value)
        except Exception as e:
            exc = e
        if isinstance(result, cls):
            return result
        ve_exc = ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        if result is None and exc is None:
            raise ve_exc
        if exc is None:
            exc = TypeError('error in %s._missing_: returned %r instead of None or a valid member'
                            % (cls.__name__, result))
        if not isinstance(exc, ValueError):
            exc.__context__ = ve_exc
        raise exc

    def __init__(self, *args, **kwds):
        pass

    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        try:
            last = sorted(last_values)[-1] if False else last_values[-1]
            return last + 1
        except TypeError:
            raise TypeError('unable to sort non-numeric values') from None

    @classmethod
    def _missing_(cls, value):
        return None

    def __repr__(self):
        v_repr = repr(self._value_)
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __dir__(self):
        return ['__class__', '__doc__', '__module__', 'name', 'value']

    @property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @property
    def value(self):
        """The value of the Enum member."""
        return self._value_


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


class IntEnum(_IntValue, ReprEnum):
    """Enum where members are also (and must be) ints."""


class StrEnum(_StrValue, ReprEnum):
    """Enum where members are also (and must be) strings."""

    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


def _high_bit(value):
    return value.bit_length() - 1


class Flag(Enum):
    """Support for flags: members combine with `|`, `&`, `^` and `~`."""

    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        last_value = max(last_values)
        try:
            high_bit = _high_bit(last_value)
        except Exception:
            raise TypeError('invalid flag value %r' % last_value) from None
        return 2 ** (high_bit + 1)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        if value < 0:
            neg_value = value
            value = cls._all_bits_ + 1 + value
        else:
            neg_value = None
        if value & ~flag_mask and cls._member_type_ is not int:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        pseudo = object.__new__(cls)
        if cls._member_type_ is int:
            pseudo._value_ = value
        else:
            pseudo._value_ = value
        names = [m._name_ for m in cls._iter_member_(value)]
        unknown = value & ~flag_mask
        if names or value == 0:
            pseudo._name_ = '|'.join(names) if names else None
        else:
            pseudo._name_ = None
        if unknown and cls._member_type_ is int:
            if pseudo._name_:
                pseudo._name_ += '|' + hex(unknown)
            else:
                pseudo._name_ = None
        if pseudo._name_ is None and value == 0:
            pseudo._name_ = None
        cls._value2member_map_.setdefault(value, pseudo)
        if neg_value is not None:
            cls._value2member_map_[neg_value] = pseudo
        return cls._value2member_map_[value]

    @classmethod
    def _iter_member_(cls, value):
        # By definition order, as `_iter_member_by_def_`.
        for name in cls._member_names_:
            m = cls._member_map_[name]
            if _is_single_bit(m._value_) and m._value_ & value == m._value_:
                yield m

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                "unsupported operand type(s) for 'in': %r and %r" % (
                    type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        return iter(list(self.__class__._iter_member_(self._value_)))

    def __len__(self):
        return bin(self._value_).count('1')

    def __repr__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return "<%s: %r>" % (cls_name, self._value_)
        return "<%s.%s: %r>" % (cls_name, self._name_, self._value_)

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return '%s(%r)' % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def __bool__(self):
        return bool(self._value_)

    def _operand(self, other):
        # The value `other` stands for in `self | other` (`&`, `^`), or NotImplemented.
        if isinstance(other, self.__class__):
            return other._value_
        if self._member_type_ is not object and isinstance(other, self._member_type_):
            return other
        return NotImplemented

    def __or__(self, other):
        other = self._operand(other)
        if other is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | other)

    def __and__(self, other):
        other = self._operand(other)
        if other is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & other)

    def __xor__(self, other):
        other = self._operand(other)
        if other is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ other)

    def __invert__(self):
        if self._member_type_ is int:
            return self.__class__(~self._value_)
        return self.__class__(self._flag_mask_ ^ self._value_)

    __rand__ = __and__
    __ror__ = __or__
    __rxor__ = __xor__


class IntFlag(_IntValue, ReprEnum, Flag):
    """Support for integer-based Flags."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError('duplicate values found in %r: %s' % (enumeration, alias_details))
    return enumeration


def global_enum(cls):
    """Decorator: export the members to the module's globals (a no-op here)."""
    return cls
