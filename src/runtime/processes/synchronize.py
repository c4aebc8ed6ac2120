"""multiprocessing.synchronize: Event, Condition, Semaphore, BoundedSemaphore and
Barrier shared by processes, after CPython 3.11's Lib/multiprocessing/synchronize.py.

CPython builds them on OS semaphores that a forked child shares with its parent. Here
each is the threading primitive of the same name, marked `_mp_shared_` so that fork and
pickling hand every process the same object rather than a copy. Each process has its own
clock: a process woken by another (a `notify`, a `set`, a `release`) cannot go on before
the moment it was woken, so the waiter's clock catches up with the waker's.
"""

__all__ = ('Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier')

import _multiprocessing
import threading
from multiprocessing import Lock, RLock


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
