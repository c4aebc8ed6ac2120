"""multiprocessing.sharedctypes: Value, Array, RawValue, RawArray, after CPython 3.11's
Lib/multiprocessing/sharedctypes.py.

CPython puts a ctypes object in memory that a forked child maps too, so a store in one
process is seen by all. Here the ctypes object (`ctypes`) is an instance of a subclass of
its type marked `_mp_shared_` (fork and pickling pass the same object), and converts what
is stored as ctypes does. `Value`/`Array` wrap it with a lock (an `RLock` unless given
one), which each `.value` read or write takes, as CPython's `Synchronized` properties do;
an array of `c_char` gets `SynchronizedString`, with `.value` and `.raw`.
"""

__all__ = ('RawValue', 'RawArray', 'Value', 'Array', 'copy', 'synchronized',
           'Synchronized', 'SynchronizedArray', 'SynchronizedString')

import ctypes
from multiprocessing import RLock

typecode_to_type = {
    'c': ctypes.c_char,     'u': ctypes.c_wchar,
    'b': ctypes.c_byte,     'B': ctypes.c_ubyte,
    'h': ctypes.c_short,    'H': ctypes.c_ushort,
    'i': ctypes.c_int,      'I': ctypes.c_uint,
    'l': ctypes.c_long,     'L': ctypes.c_ulong,
    'q': ctypes.c_longlong, 'Q': ctypes.c_ulonglong,
    'f': ctypes.c_float,    'd': ctypes.c_double
}

_shared_types = {}


def _shared(type_):
    """`type_` as it lives in shared memory: a subclass of the same name marked
    `_mp_shared_`, so the processes pass the object itself instead of copying it."""
    t = _shared_types.get(type_)
    if t is None:
        t = type(type_)(type_.__name__, (type_,), {'_mp_shared_': True, '__module__': type_.__module__,
                                                   '__qualname__': type_.__qualname__})
        _shared_types[type_] = t
    return t


def _type_of(typecode_or_type):
    type_ = typecode_to_type.get(typecode_or_type, typecode_or_type)
    if not isinstance(type_, type):
        raise TypeError('this type has no size')
    ctypes.sizeof(type_)
    return type_


def RawValue(typecode_or_type, *args):
    """A ctypes object in shared memory."""
    type_ = _type_of(typecode_or_type)
    return _shared(type_)(*args)


def RawArray(typecode_or_type, size_or_initializer):
    """A ctypes array in shared memory."""
    type_ = _type_of(typecode_or_type)
    if isinstance(size_or_initializer, int):
        return _shared(ctypes._array_type(type_, size_or_initializer, __name__))()
    items = list(size_or_initializer)
    return _shared(ctypes._array_type(type_, len(items), __name__))(*items)


def _lock_for(lock):
    if lock in (True, None):
        return RLock()
    if not hasattr(lock, 'acquire'):
        raise AttributeError("%r has no method 'acquire'" % lock)
    return lock


def Value(typecode_or_type, *args, lock=True, ctx=None):
    """A synchronization wrapper for a RawValue."""
    obj = RawValue(typecode_or_type, *args)
    if lock is False:
        return obj
    return synchronized(obj, lock)


def Array(typecode_or_type, size_or_initializer, *, lock=True, ctx=None):
    """A synchronization wrapper for a RawArray."""
    obj = RawArray(typecode_or_type, size_or_initializer)
    if lock is False:
        return obj
    return synchronized(obj, lock)


def copy(obj):
    """A copy of a shared ctypes object, in shared memory too."""
    return ctypes._copy(obj)


def synchronized(obj, lock=None, ctx=None):
    assert not isinstance(obj, SynchronizedBase), 'object already synchronized'
    if isinstance(obj, ctypes._SimpleCData):
        return Synchronized(obj, _lock_for(lock))
    if isinstance(obj, ctypes.Array):
        if issubclass(obj._type_, ctypes.c_char):
            return SynchronizedString(obj, _lock_for(lock))
        return SynchronizedArray(obj, _lock_for(lock))
    return Synchronized(obj, _lock_for(lock))


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


def _locked_property(name):
    # The wrapped object's attribute `name`, read and written under the wrapper's lock
    # (CPython's sharedctypes.make_property).
    def get(self):
        with self._lock:
            return getattr(self._obj, name)

    def set(self, value):
        with self._lock:
            setattr(self._obj, name, value)

    return property(get, set)


class Synchronized(SynchronizedBase):
    value = _locked_property('value')


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


class SynchronizedString(SynchronizedArray):
    value = _locked_property('value')
    raw = _locked_property('raw')
