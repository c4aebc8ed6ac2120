"""multiprocessing.synchronize: Event, Condition, Semaphore, BoundedSemaphore and
Barrier, Lock and RLock shared by processes, after CPython 3.11's
Lib/multiprocessing/synchronize.py.

CPython builds them on OS semaphores that a forked child shares with its parent. Here
each is the threading primitive of the same name, marked `_mp_shared_` so that fork and
pickling hand every process the same object rather than a copy. Each process has its own
clock: a process woken by another (a `notify`, a `set`, a `release`) cannot go on before
the moment it was woken, so the waiter's clock catches up with the waker's.
"""

__all__ = ('Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier')

import _multiprocessing
import threading
from multiprocessing import Lock as _native_lock, RLock as _native_rlock


class _SemLock:
    # The process-shared lock over a native one. A process that waited for it cannot
    # go on before the moment the holder released it (each process has its own clock).
    _mp_shared_ = True

    def __init__(self, recursive, *, ctx=None):
        self._lock = _native_rlock() if recursive else _native_lock()
        self._released_at = 0.0
        self._owner = None
        self._count = 0

    def acquire(self, block=True, timeout=None):
        if timeout is None:
            got = self._lock.acquire(block)
        else:
            got = self._lock.acquire(block, max(timeout, 0))
        if got:
            _multiprocessing.catch_up(self._released_at)
            self._owner = (_multiprocessing.current_pid(), threading.get_ident())
            self._count += 1
        return got

    def release(self):
        self._lock.release()
        self._count -= 1
        if self._count == 0:
            self._owner = None
        self._released_at = _multiprocessing.now()

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *args):
        self.release()

    def _is_mine(self):
        return self._owner == (_multiprocessing.current_pid(), threading.get_ident())

    # What threading.Condition asks of its lock: a wait releases every level of an
    # RLock and takes them all back after.
    _is_owned = _is_mine

    def _release_save(self):
        count = self._count
        for _ in range(count):
            self.release()
        return count

    def _acquire_restore(self, count):
        for _ in range(count):
            self.acquire()

    def _owner_name(self):
        if self._is_mine():
            from multiprocessing import process
            name = process.current_process().name
            if threading.current_thread().name != 'MainThread':
                name += '|' + threading.current_thread().name
            return name
        if self._owner is None:
            return 'None'
        if self._owner[0] == _multiprocessing.current_pid():
            return 'SomeOtherThread'
        return 'SomeOtherProcess'


class Lock(_SemLock):
    def __init__(self, *, ctx=None):
        super().__init__(False)

    def __repr__(self):
        return '<%s(owner=%s)>' % (self.__class__.__name__, self._owner_name())


class RLock(_SemLock):
    def __init__(self, *, ctx=None):
        super().__init__(True)

    def __repr__(self):
        name = self._owner_name()
        if name == 'None':
            count = 0
        elif self._is_mine():
            count = self._count
        else:
            count = 'nonzero'
        return '<%s(%s, %s)>' % (self.__class__.__name__, name, count)


class Condition(threading.Condition):
    _mp_shared_ = True

    def __init__(self, lock=None, *, ctx=None):
        super().__init__(lock if lock is not None else RLock())
        self._woken_at = 0.0

    def notify(self, n=1):
        self._woken_at = _multiprocessing.now()
        super().notify(n)

    def wait(self, timeout=None):
        woken = super().wait(timeout)
        if woken:
            _multiprocessing.catch_up(self._woken_at)
        return woken

    def __repr__(self):
        return '<%s(%s, %s)>' % (type(self).__name__, self._lock, len(self._waiters))


class Semaphore(threading.Semaphore):
    _mp_shared_ = True

    def __init__(self, value=1, *, ctx=None):
        super().__init__(value)
        self._cond = Condition(Lock())

    def get_value(self):
        return self._value

    def __repr__(self):
        return '<%s(value=%s)>' % (type(self).__name__, self._value)


class BoundedSemaphore(threading.BoundedSemaphore):
    _mp_shared_ = True

    def __init__(self, value=1, *, ctx=None):
        super().__init__(value)
        self._cond = Condition(Lock())

    def get_value(self):
        return self._value

    def __repr__(self):
        return '<%s(value=%s, maxvalue=%s)>' % (type(self).__name__, self._value, self._initial_value)


class Event(threading.Event):
    _mp_shared_ = True

    def __init__(self, *, ctx=None):
        super().__init__()
        self._cond = Condition(Lock())

    def __repr__(self):
        return '<Event at %#x %s>' % (id(self), 'set' if self._flag else 'unset')


class Barrier(threading.Barrier):
    _mp_shared_ = True

    def __init__(self, parties, action=None, timeout=None, *, ctx=None):
        super().__init__(parties, action, timeout)
        self._cond = Condition(Lock())
