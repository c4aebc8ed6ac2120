"""ctypes (CPython 3.11's `Lib/ctypes/__init__.py` over `Modules/_ctypes`), the part
programs use to describe data shared between processes: the simple types (`c_int`,
`c_double`, `c_char`, `c_bool`...), `Structure` with `_fields_`, arrays (`c_int * 3`)
and `sizeof`. There is no foreign memory and no foreign function here: an object holds
Python values converted as ctypes converts them on a store (an int type wraps at its
width and refuses a float, a float type takes an int, `c_char` takes one byte), so
reads give what CPython's would. `multiprocessing.sharedctypes` builds on these.
"""

import math as _math

__all__ = ['c_bool', 'c_byte', 'c_char', 'c_double', 'c_float', 'c_int', 'c_int8', 'c_int16',
           'c_int32', 'c_int64', 'c_long', 'c_longlong', 'c_short', 'c_size_t', 'c_ssize_t',
           'c_ubyte', 'c_uint', 'c_uint8', 'c_uint16', 'c_uint32', 'c_uint64', 'c_ulong',
           'c_ulonglong', 'c_ushort', 'c_wchar', 'Structure', 'Array', 'sizeof', 'alignment']


class _CDataMeta(type):
    """The metaclass of ctypes types: `T * n` is the type of an array of n T's."""

    def __mul__(cls, length):
        if not isinstance(length, int):
            return NotImplemented
        return _array_type(cls, length, '__main__')

    def __rmul__(cls, length):
        return cls.__mul__(length)


_array_types = {}


def _array_type(elem, length, module):
    """The array type `elem * length` (one per element type, length and module, as
    `_ctypes` caches them), named as CPython names it: `c_int_Array_3`."""
    if length < 0:
        raise ValueError('Array length must be >= 0, not %d' % length)
    key = (elem, length, module)
    t = _array_types.get(key)
    if t is None:
        base = _CharArray if issubclass(elem, c_char) else Array
        name = '%s_Array_%d' % (elem.__name__, length)
        t = _CDataMeta(name, (base,), {'_type_': elem, '_length_': length, '__module__': module,
                                       '__qualname__': name})
        _array_types[key] = t
    return t


def _default(tp):
    """A field's or an item's value before any store: zero, or a zeroed object."""
    if issubclass(tp, _SimpleCData):
        return tp._zero
    return tp()


def _store(tp, value):
    """`value` converted for a field or an item of type `tp`, as ctypes converts it."""
    if issubclass(tp, _SimpleCData):
        return tp._from(value)
    if isinstance(value, tp):
        return _copy(value)
    if issubclass(tp, Structure) and isinstance(value, tuple):
        return tp(*value)
    raise TypeError('expected %s instance, got %s' % (tp.__name__, type(value).__name__))


def _copy(obj):
    """A copy of a ctypes object (a store copies the bytes in CPython)."""
    if isinstance(obj, _SimpleCData):
        return type(obj)(obj.value)
    if isinstance(obj, Array):
        new = type(obj)()
        new._items = [_copy(x) if isinstance(x, (Structure, Array)) else x for x in obj._items]
        return new
    new = type(obj)()
    for name, tp in type(obj)._all_fields():
        v = getattr(obj, name)
        object.__setattr__(new, name, _copy(v) if isinstance(v, (Structure, Array)) else v)
    return new


class _SimpleCData(metaclass=_CDataMeta):
    """The base of the simple types: one value, read and stored through `.value`."""
    _type_ = None
    _size_ = 0
    _zero = 0

    def __init__(self, value=None):
        self.value = self._zero if value is None else value

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        object.__setattr__(self, '_value', type(self)._from(value))

    def __repr__(self):
        return '%s(%r)' % (type(self).__name__, self._value)


def _int_type(name, code, size, signed):
    bits = 8 * size

    def _from(cls, value):
        if isinstance(value, float) or not isinstance(value, int):
            raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
        value = int(value) & ((1 << bits) - 1)
        if signed and value >= 1 << (bits - 1):
            value -= 1 << bits
        return value

    return _CDataMeta(name, (_SimpleCData,), {'_type_': code, '_size_': size, '_zero': 0,
                                               '_from': classmethod(_from), '__module__': 'ctypes',
                                               '__qualname__': name})


def _to_float32(x):
    """`x` rounded to the nearest IEEE single, as a `c_float` stores it."""
    if x == 0 or x != x or x in (float('inf'), float('-inf')):
        return x
    m, e = _math.frexp(x)
    if e < -125:
        # Subnormal singles keep fewer bits.
        scale = 2.0 ** -149
        return round(x / scale) * scale
    r = _math.ldexp(round(m * 2 ** 24) / 2 ** 24, e)
    if abs(r) > 3.4028234663852886e38:
        return float('inf') if r > 0 else float('-inf')
    return r


def _float_type(name, code, size):
    def _from(cls, value):
        if not isinstance(value, (int, float)):
            raise TypeError('must be real number, not %s' % type(value).__name__)
        value = float(value)
        return _to_float32(value) if size == 4 else value

    return _CDataMeta(name, (_SimpleCData,), {'_type_': code, '_size_': size, '_zero': 0.0,
                                               '_from': classmethod(_from), '__module__': 'ctypes',
                                               '__qualname__': name})


c_byte = _int_type('c_byte', 'b', 1, True)
c_ubyte = _int_type('c_ubyte', 'B', 1, False)
c_short = _int_type('c_short', 'h', 2, True)
c_ushort = _int_type('c_ushort', 'H', 2, False)
c_int = _int_type('c_int', 'i', 4, True)
c_uint = _int_type('c_uint', 'I', 4, False)
c_long = _int_type('c_long', 'l', 8, True)
c_ulong = _int_type('c_ulong', 'L', 8, False)
c_longlong = _int_type('c_longlong', 'q', 8, True)
c_ulonglong = _int_type('c_ulonglong', 'Q', 8, False)
c_float = _float_type('c_float', 'f', 4)
c_double = _float_type('c_double', 'd', 8)
c_longdouble = _float_type('c_longdouble', 'g', 16)
c_int8, c_uint8, c_int16, c_uint16 = c_byte, c_ubyte, c_short, c_ushort
c_int32, c_uint32, c_int64, c_uint64 = c_int, c_uint, c_long, c_ulong
c_size_t, c_ssize_t = c_ulong, c_long


class c_char(_SimpleCData):
    """One byte: a bytes or bytearray of length 1, or an int in range(256)."""
    _type_ = 'c'
    _size_ = 1
    _zero = b'\x00'

    @classmethod
    def _from(cls, value):
        if isinstance(value, (bytes, bytearray)) and len(value) == 1:
            return bytes(value)
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 256:
            return bytes([value])
        raise TypeError('one character bytes, bytearray or integer expected')




class c_wchar(_SimpleCData):
    """One character: a str of length 1."""
    _type_ = 'u'
    _size_ = 4
    _zero = '\x00'

    @classmethod
    def _from(cls, value):
        if isinstance(value, str) and len(value) == 1:
            return value
        raise TypeError('one character unicode string expected')




class c_bool(_SimpleCData):
    """A C `_Bool`: any value, stored as its truth."""
    _type_ = '?'
    _size_ = 1
    _zero = False

    @classmethod
    def _from(cls, value):
        return bool(value)




class Structure(metaclass=_CDataMeta):
    """A C struct: `_fields_` lists (name, type) pairs; positional initializers fill
    the fields in order, keywords by name; each store converts as its field's type."""

    @classmethod
    def _all_fields(cls):
        fields = []
        for klass in reversed(cls.__mro__):
            fields.extend(klass.__dict__.get('_fields_', ()))
        return fields

    def __init__(self, *args, **kwargs):
        fields = type(self)._all_fields()
        if len(args) > len(fields):
            raise TypeError('too many initializers')
        for name, tp in fields:
            object.__setattr__(self, name, _default(tp))
        for (name, tp), value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __setattr__(self, name, value):
        for field, tp in type(self)._all_fields():
            if field == name:
                value = _store(tp, value)
                break
        object.__setattr__(self, name, value)


class Union(Structure):
    """A C union (its fields do not overlap here: each keeps its own value)."""


class Array(metaclass=_CDataMeta):
    """A fixed-length C array of `_length_` items of type `_type_`."""
    _type_ = None
    _length_ = 0

    def __init__(self, *args):
        tp = type(self)._type_
        self._items = [_default(tp) for _ in range(type(self)._length_)]
        if len(args) > len(self._items):
            raise IndexError('invalid index')
        for i, value in enumerate(args):
            self[i] = value

    def __len__(self):
        return len(self._items)

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError('indices must be integers')
        if i < 0:
            i += len(self._items)
        if not 0 <= i < len(self._items):
            raise IndexError('invalid index')
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._items[i]
        return self._items[self._index(i)]

    def __setitem__(self, i, value):
        tp = type(self)._type_
        if isinstance(i, slice):
            values = [_store(tp, x) for x in value]
            if len(self._items[i]) != len(values):
                raise ValueError('Can only assign sequence of same size')
            self._items[i] = values
        else:
            self._items[self._index(i)] = _store(tp, value)

    def __iter__(self):
        return iter(list(self._items))


class _CharArray(Array):
    """An array of `c_char`: its slices are bytes; `.value` reads up to the first NUL,
    `.raw` reads all of it."""

    def __getitem__(self, i):
        if isinstance(i, slice):
            return b''.join(self._items[i])
        return self._items[self._index(i)]

    def __setitem__(self, i, value):
        if isinstance(i, slice) and isinstance(value, (bytes, bytearray)):
            value = [bytes([b]) for b in value]
        Array.__setitem__(self, i, value)

    @property
    def raw(self):
        return b''.join(self._items)

    @raw.setter
    def raw(self, value):
        value = bytes(value)
        if len(value) > len(self._items):
            raise ValueError('byte string too long')
        for i, b in enumerate(value):
            self._items[i] = bytes([b])

    @property
    def value(self):
        raw = b''.join(self._items)
        end = raw.find(b'\x00')
        return raw if end < 0 else raw[:end]

    @value.setter
    def value(self, value):
        if not isinstance(value, bytes):
            raise TypeError('bytes expected instead of %s instance' % type(value).__name__)
        if len(value) > len(self._items):
            raise ValueError('byte string too long')
        for i, b in enumerate(value):
            self._items[i] = bytes([b])
        if len(value) < len(self._items):
            self._items[len(value)] = b'\x00'


def _layout(tp):
    """(size, alignment) of a ctypes type, laid out as a C compiler lays it out."""
    if isinstance(tp, type) and issubclass(tp, _SimpleCData):
        return tp._size_, tp._size_
    if isinstance(tp, type) and issubclass(tp, Array):
        size, align = _layout(tp._type_)
        return size * tp._length_, align
    if isinstance(tp, type) and issubclass(tp, Structure):
        offset, widest = 0, 1
        union = issubclass(tp, Union)
        for _, field in tp._all_fields():
            size, align = _layout(field)
            widest = max(widest, align)
            if union:
                offset = max(offset, size)
            else:
                offset = (offset + align - 1) // align * align + size
        return (offset + widest - 1) // widest * widest, widest
    raise TypeError('this type has no size')


def sizeof(obj_or_type):
    """The size in bytes of a ctypes type or object."""
    tp = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    return _layout(tp)[0]


def alignment(obj_or_type):
    """The alignment of a ctypes type or object."""
    tp = obj_or_type if isinstance(obj_or_type, type) else type(obj_or_type)
    return _layout(tp)[1]
