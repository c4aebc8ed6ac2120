"""multiprocessing.sharedctypes: Value, Array, RawValue, RawArray, after CPython 3.11's
Lib/multiprocessing/sharedctypes.py.

CPython puts a ctypes object in memory that a forked child maps too, so a store in one
process is seen by all. Here the ctypes object is an instance marked `_mp_shared_`
(fork and pickling pass the same object), holding numbers converted as ctypes converts
them: an int type wraps at its width and refuses a float, a float type takes an int.
`Value`/`Array` wrap it with a lock (an `RLock` unless given one), which each `.value`
read or write takes, as CPython's `Synchronized` properties do.
"""

__all__ = ('RawValue', 'RawArray', 'Value', 'Array')

from multiprocessing import RLock

# typecode: (ctypes name, bits of an int type, or 0 for a float type, signed)
_TYPES = {
    'b': ('c_byte', 8, True), 'B': ('c_ubyte', 8, False),
    'h': ('c_short', 16, True), 'H': ('c_ushort', 16, False),
    'i': ('c_int', 32, True), 'I': ('c_uint', 32, False),
    'l': ('c_long', 64, True), 'L': ('c_ulong', 64, False),
    'q': ('c_longlong', 64, True), 'Q': ('c_ulonglong', 64, False),
    'f': ('c_float', 0, True), 'd': ('c_double', 0, True),
}


def _type_of(typecode):
    if typecode not in _TYPES:
        if typecode in ('c', 'u'):
            raise NotImplementedError("Interleave has no bytes type yet, so typecode %r is not available" % typecode)
        raise TypeError('this type has no size')
    return _TYPES[typecode]


def _convert(typecode, value):
    name, bits, signed = _TYPES[typecode]
    if bits == 0:
        if not isinstance(value, (int, float)):
            raise TypeError('must be real number, not %s' % type(value).__name__)
        return float(value)
    if not isinstance(value, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    value = int(value) & ((1 << bits) - 1)
    if signed and value >= 1 << (bits - 1):
        value -= 1 << bits
    return value


class _CScalar:
    """A ctypes scalar (`c_int(3)`) in shared memory."""
    _mp_shared_ = True

    def __init__(self, typecode, value):
        self._typecode = typecode
        self._value = _convert(typecode, value)

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, value):
        self._value = _convert(self._typecode, value)

    def __repr__(self):
        return '%s(%r)' % (_TYPES[self._typecode][0], self._value)


class _CArray:
    """A ctypes array (`c_int_Array_10`) in shared memory."""
    _mp_shared_ = True

    def __init__(self, typecode, items):
        self._typecode = typecode
        self._items = [_convert(typecode, x) for x in items]

    def __len__(self):
        return len(self._items)

    def _index(self, i):
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
        if isinstance(i, slice):
            values = [_convert(self._typecode, x) for x in value]
            if len(self._items[i]) != len(values):
                raise ValueError('Can only assign sequence of same size')
            self._items[i] = values
        else:
            self._items[self._index(i)] = _convert(self._typecode, value)

    def __iter__(self):
        return iter(list(self._items))

    def __repr__(self):
        return '<multiprocessing.sharedctypes.%s_Array_%d object at %#x>' % (
            _TYPES[self._typecode][0], len(self._items), id(self))


def RawValue(typecode_or_type, *args):
    _type_of(typecode_or_type)
    return _CScalar(typecode_or_type, args[0] if args else 0)


def RawArray(typecode_or_type, size_or_initializer):
    _type_of(typecode_or_type)
    if isinstance(size_or_initializer, int):
        return _CArray(typecode_or_type, [0] * size_or_initializer)
    return _CArray(typecode_or_type, list(size_or_initializer))


def _lock_for(lock):
    if lock in (True, None):
        return RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def Value(typecode_or_type, *args, lock=True, ctx=None):
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    return Synchronized(obj, _lock_for(lock))


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    return SynchronizedArray(obj, _lock_for(lock))


def copy(obj):
    if isinstance(obj, _CArray):
        return _CArray(obj._typecode, obj._items)
    return _CScalar(obj._typecode, obj._value)


def synchronized(obj, lock=None, ctx=None):
    cls = SynchronizedArray if isinstance(obj, _CArray) else Synchronized
    return cls(obj, _lock_for(lock))


class SynchronizedBase:
    _mp_shared_ = True

    def __init__(self, obj, lock=None, ctx=None):
        self._obj = obj
        self._lock = lock if lock is not None else RLock()
        self.acquire = self._lock.acquire
        self.release = self._lock.release

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def get_obj(self):
        return self._obj

    def get_lock(self):
        return self._lock

    def __repr__(self):
        return '<%s wrapper for %s>' % (type(self).__name__, self._obj)


class Synchronized(SynchronizedBase):
    @property
    def value(self):
        with self._lock:
            return self._obj.value

    @value.setter
    def value(self, value):
        with self._lock:
            self._obj.value = value


class SynchronizedArray(SynchronizedBase):
    def __len__(self):
        return len(self._obj)

    def __getitem__(self, i):
        with self._lock:
            return self._obj[i]

    def __setitem__(self, i, value):
        with self._lock:
            self._obj[i] = value

    def __iter__(self):
        with self._lock:
            return iter(self._obj[:])
