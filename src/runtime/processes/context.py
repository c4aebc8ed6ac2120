"""multiprocessing.context: start methods and contexts, after CPython 3.11's
Lib/multiprocessing/context.py.

`get_context(method)` returns a context object with the module's whole API whose
`Process` is named for that method (`ForkProcess`, `SpawnProcess`: `SpawnProcess-1`).
A spawned child inherits nothing: it re-runs the main module as `__mp_main__` (see
`process.BaseProcess._bootstrap`). The default is 'fork', as on Linux;
`set_start_method('spawn')` switches the default context, once (CPython: "context has
already been set"). Asking for the default context with `get_context()` fixes it, as in
CPython. That choice is each process's own, as this module's state is in CPython: a
forked child starts with its parent's, a spawned one with its start method's
(`spawn.prepare` sets it).
"""

__all__ = ('ProcessError', 'BufferTooShort', 'TimeoutError', 'AuthenticationError',
           'get_context', 'get_start_method', 'set_start_method', 'get_all_start_methods',
           'freeze_support', 'Pipe', 'Event', 'Condition', 'Semaphore', 'BoundedSemaphore',
           'Barrier', 'JoinableQueue', 'SimpleQueue', 'Manager', 'Pool', 'Value', 'Array',
           'RawValue', 'RawArray', 'get_logger', 'log_to_stderr')

import _multiprocessing
from multiprocessing import process as _process


class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


class BaseContext:
    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError

    current_process = staticmethod(_process.current_process)
    parent_process = staticmethod(_process.parent_process)
    active_children = staticmethod(_process.active_children)

    def cpu_count(self):
        import multiprocessing
        return multiprocessing.cpu_count()

    def Manager(self):
        from multiprocessing.managers import SyncManager
        m = SyncManager(ctx=self.get_context())
        m.start()
        return m

    def Pipe(self, duplex=True):
        from multiprocessing.connection import Pipe
        return Pipe(duplex)

    def Lock(self):
        import multiprocessing
        return multiprocessing.Lock()

    def RLock(self):
        import multiprocessing
        return multiprocessing.RLock()

    def Condition(self, lock=None):
        from multiprocessing.synchronize import Condition
        return Condition(lock)

    def Semaphore(self, value=1):
        from multiprocessing.synchronize import Semaphore
        return Semaphore(value)

    def BoundedSemaphore(self, value=1):
        from multiprocessing.synchronize import BoundedSemaphore
        return BoundedSemaphore(value)

    def Event(self):
        from multiprocessing.synchronize import Event
        return Event()

    def Barrier(self, parties, action=None, timeout=None):
        from multiprocessing.synchronize import Barrier
        return Barrier(parties, action, timeout)

    def Queue(self, maxsize=0):
        import multiprocessing
        return multiprocessing.Queue(maxsize)

    def JoinableQueue(self, maxsize=0):
        from multiprocessing.queues import JoinableQueue
        return JoinableQueue(maxsize)

    def SimpleQueue(self):
        from multiprocessing.queues import SimpleQueue
        return SimpleQueue()

    def Pool(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None):
        from multiprocessing.pool import Pool
        return Pool(processes, initializer, initargs, maxtasksperchild, context=self.get_context())

    def RawValue(self, typecode_or_type, *args):
        from multiprocessing.sharedctypes import RawValue
        return RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        from multiprocessing.sharedctypes import RawArray
        return RawArray(typecode_or_type, size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        from multiprocessing.sharedctypes import Value
        return Value(typecode_or_type, *args, lock=lock)

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        from multiprocessing.sharedctypes import Array
        return Array(typecode_or_type, size_or_initializer, lock=lock)

    def freeze_support(self):
        # Only a frozen Windows executable needs it; elsewhere it does nothing, as here.
        pass

    def get_logger(self):
        from multiprocessing.util import get_logger
        return get_logger()

    def log_to_stderr(self, level=None):
        from multiprocessing.util import log_to_stderr
        return log_to_stderr(level)

    def get_context(self, method=None):
        if method is None:
            return self
        if method not in _concrete_contexts:
            raise ValueError('cannot find context for %r' % method)
        return _concrete_contexts[method]

    def get_start_method(self, allow_none=False):
        return self._name

    def set_start_method(self, method, force=False):
        raise ValueError('cannot set start method of concrete context')

    def get_all_start_methods(self):
        return ['fork', 'spawn', 'forkserver']


class ForkContext(BaseContext):
    _name = 'fork'
    Process = _process.ForkProcess


class SpawnContext(BaseContext):
    _name = 'spawn'
    Process = _process.SpawnProcess


class ForkServerContext(BaseContext):
    # A fork server forks children from a clean process: here, as spawn does.
    _name = 'forkserver'
    Process = _process.SpawnProcess


_concrete_contexts = {
    'fork': ForkContext(),
    'spawn': SpawnContext(),
    'forkserver': ForkServerContext(),
}


class DefaultContext(BaseContext):
    Process = _process.Process

    def __init__(self, context):
        self._default_context = context
        # Per process id: the context chosen there (None: not yet).
        self._actual = {}

    def _get_actual(self):
        return self._actual.get(_multiprocessing.current_pid())

    def _set_actual(self, context):
        self._actual[_multiprocessing.current_pid()] = context

    _actual_context = property(_get_actual, _set_actual)

    def get_context(self, method=None):
        if method is None:
            if self._actual_context is None:
                self._actual_context = self._default_context
            return self._actual_context
        return super().get_context(method)

    def set_start_method(self, method, force=False):
        if self._actual_context is not None and not force:
            raise RuntimeError('context has already been set')
        if method is None and force:
            self._actual_context = None
            return
        self._actual_context = self.get_context(method)

    def get_start_method(self, allow_none=False):
        if self._actual_context is None:
            if allow_none:
                return None
            self._actual_context = self._default_context
        return self._actual_context._name


_default_context = DefaultContext(_concrete_contexts['fork'])


def _inherit(parent, child, method):
    # What the child's copy of this module holds: fork copies the parent's choice,
    # spawn.prepare() sets the start method it was spawned with.
    if method == 'fork':
        _default_context._actual[child] = _default_context._actual.get(parent)
    else:
        _default_context._actual[child] = _concrete_contexts[method]


def get_start_method(allow_none=False):
    return _default_context.get_start_method(allow_none)


def _method_for_start():
    # The start method a plain `Process` uses: the default context's, fixing it.
    return _default_context.get_context()._name


# The module's functions are the default context's methods, as in CPython.
get_context = _default_context.get_context
set_start_method = _default_context.set_start_method
get_all_start_methods = _default_context.get_all_start_methods
freeze_support = _default_context.freeze_support
Pipe = _default_context.Pipe
Event = _default_context.Event
Condition = _default_context.Condition
Semaphore = _default_context.Semaphore
BoundedSemaphore = _default_context.BoundedSemaphore
Barrier = _default_context.Barrier
JoinableQueue = _default_context.JoinableQueue
SimpleQueue = _default_context.SimpleQueue
Manager = _default_context.Manager
Pool = _default_context.Pool
Value = _default_context.Value
Array = _default_context.Array
RawValue = _default_context.RawValue
RawArray = _default_context.RawArray
get_logger = _default_context.get_logger
log_to_stderr = _default_context.log_to_stderr
