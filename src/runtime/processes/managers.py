"""multiprocessing.managers: BaseManager, SyncManager and their proxies, after CPython
3.11's Lib/multiprocessing/managers.py.

In CPython a manager is a server process holding the real objects (the referents);
a proxy pickles each method call's arguments to the server and the result back. Here
the referents are held in state shared by every process (`_Referent`, not copied by
fork), and a proxy's `_callmethod` copies the arguments in and the result out, as the
pickling would: `ns.my_list.append(x)` changes a copy, never the namespace's list, the
classic surprise. The server process is not simulated: `start()` only takes its name
(`SyncManager-1`) from the process counter, so later processes are numbered as in
CPython.
"""

__all__ = ('BaseManager', 'SyncManager', 'BaseProxy', 'Namespace', 'Token')

import _multiprocessing
import queue
import threading
from multiprocessing import process as _process
from multiprocessing import synchronize as _sync
from multiprocessing.context import ProcessError

builtins_callable = callable  # `_create` has a local named `callable`

def _setitem(o, k, v):
    o[k] = v


def _delitem(o, k):
    del o[k]


def _imul(o, n):
    o *= n


# What a referent's special methods do, called by name through a proxy.
_SPECIAL = {
    '__getitem__': lambda o, k: o[k],
    '__setitem__': _setitem,
    '__delitem__': lambda o, k: _delitem(o, k),
    '__contains__': lambda o, k: k in o,
    '__len__': lambda o: len(o),
    '__add__': lambda o, x: o + x,
    '__mul__': lambda o, n: o * n,
    '__rmul__': lambda o, n: n * o,
    '__imul__': lambda o, n: _imul(o, n),
    '__reversed__': lambda o: list(reversed(o)),
    '__repr__': lambda o: repr(o),
    '__str__': lambda o: str(o),
    '__next__': lambda o: next(o),
    '__getattribute__': lambda o, k: getattr(o, k),
    '__setattr__': lambda o, k, v: setattr(o, k, v),
    '__delattr__': lambda o, k: delattr(o, k),
}


class Token:
    """Names a referent: its type id and where it lives."""
    _mp_shared_ = True

    def __init__(self, typeid, obj):
        self.typeid = typeid
        self.obj = obj

    def __repr__(self):
        return '%s(typeid=%r, address=None, id=%#x)' % (type(self).__name__, self.typeid, id(self.obj))


class BaseProxy:
    _exposed_ = None

    def __init__(self, token, manager=None, exposed=None):
        self._token = token
        self._manager = manager
        if exposed is not None:
            self._exposed_ = exposed

    def _callmethod(self, methodname, args=(), kwds={}):
        exposed = self._exposed_
        if exposed is not None and methodname not in exposed and methodname != '__repr__':
            raise AttributeError('method %r of %r object is not in exposed=%r'
                                 % (methodname, type(self._token.obj), exposed))
        args = _multiprocessing.copy(tuple(args))
        kwds = _multiprocessing.copy(dict(kwds))
        special = _SPECIAL.get(methodname)
        if special is not None:
            result = special(self._token.obj, *args, **kwds)
        else:
            result = getattr(self._token.obj, methodname)(*args, **kwds)
        return _multiprocessing.copy(result)

    def _getvalue(self):
        return _multiprocessing.copy(self._token.obj)

    def __repr__(self):
        name = type(self).__name__
        if getattr(type(self), '_state_on_class_', False):
            name = 'NamespaceProxy'
        return '<%s object, typeid %r at %#x>' % (name, self._token.typeid, id(self))

    def __str__(self):
        return self._callmethod('__repr__')


class AutoProxy(BaseProxy):
    """The proxy of a registered type without a proxy type of its own: every public
    method of the referent (or the ones in `exposed`)."""

    def __getattr__(self, name):
        if name.startswith('_') and (self._exposed_ is None or name not in self._exposed_):
            raise AttributeError(name)
        if self._exposed_ is not None and name not in self._exposed_:
            raise AttributeError(name)
        if not hasattr(self._token.obj, name):
            raise AttributeError(name)

        def method(*args, **kwds):
            return self._callmethod(name, args, kwds)
        return method


def _forward(name):
    def method(self, *args, **kwds):
        return self._callmethod(name, args, kwds)
    return method


def _make_proxy(cls, exposed):
    for name in exposed:
        if name not in cls.__dict__:
            setattr(cls, name, _forward(name))
    cls._exposed_ = tuple(exposed)
    return cls


class ListProxy(BaseProxy):
    def __iadd__(self, value):
        self._callmethod('extend', (value,))
        return self

    def __imul__(self, value):
        self._callmethod('__imul__', (value,))
        return self

    def __iter__(self):
        return iter(self._callmethod('copy'))


_make_proxy(ListProxy, ('__add__', '__contains__', '__delitem__', '__getitem__', '__len__',
                        '__mul__', '__reversed__', '__rmul__', '__setitem__', 'append', 'count',
                        'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort',
                        '__imul__', 'copy'))


class DictProxy(BaseProxy):
    def __iter__(self):
        return iter(self._callmethod('keys'))


_make_proxy(DictProxy, ('__contains__', '__delitem__', '__getitem__', '__len__', '__setitem__',
                        'clear', 'copy', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault',
                        'update', 'values'))


class Namespace:
    def __init__(self, **kwds):
        self.__dict__.update(kwds)

    def __repr__(self):
        items = list(self.__dict__.items())
        temp = []
        for name, value in items:
            if not name.startswith('_'):
                temp.append('%s=%r' % (name, value))
        temp.sort()
        return '%s(%s)' % (self.__class__.__name__, ', '.join(temp))


class NamespaceProxy(BaseProxy):
    """Attribute reads and stores go to the namespace. Its own state is kept on a class
    made for each proxy, since every store to the instance goes to the namespace."""
    _exposed_ = ('__getattribute__', '__setattr__', '__delattr__')

    _state_on_class_ = True

    def __init__(self, token, manager=None, exposed=None):
        pass

    def __getattr__(self, key):
        if key[0] == '_':
            raise AttributeError(key)
        try:
            return self._callmethod('__getattribute__', (key,))
        except AttributeError:
            raise AttributeError("'Namespace' object has no attribute %r" % key) from None

    def __setattr__(self, key, value):
        if key[0] == '_':
            raise AttributeError("a NamespaceProxy keeps no attributes of its own: %r" % key)
        self._callmethod('__setattr__', (key, value))

    def __delattr__(self, key):
        self._callmethod('__delattr__', (key,))


class Value:
    def __init__(self, typecode, value, lock=True):
        self._typecode = typecode
        self._value = value

    def get(self):
        return self._value

    def set(self, value):
        self._value = value

    def __repr__(self):
        return '%s(%r, %r)' % (type(self).__name__, self._typecode, self._value)


class ValueProxy(BaseProxy):
    _exposed_ = ('get', 'set')

    def get(self):
        return self._callmethod('get')

    def set(self, value):
        return self._callmethod('set', (value,))

    value = property(get, set)


class AcquirerProxy(BaseProxy):
    _exposed_ = ('acquire', 'release')

    def acquire(self, blocking=True, timeout=None):
        args = (blocking,) if timeout is None else (blocking, timeout)
        return self._callmethod('acquire', args)

    def release(self):
        return self._callmethod('release')

    def __enter__(self):
        return self._callmethod('acquire')

    def __exit__(self, exc_type, exc_val, exc_tb):
        return self._callmethod('release')


class ConditionProxy(AcquirerProxy):
    pass


_make_proxy(ConditionProxy, ('acquire', 'release', 'wait', 'notify', 'notify_all', 'wait_for'))


class EventProxy(BaseProxy):
    pass


_make_proxy(EventProxy, ('is_set', 'set', 'clear', 'wait'))


class BarrierProxy(BaseProxy):
    @property
    def parties(self):
        return self._token.obj.parties

    @property
    def n_waiting(self):
        return self._token.obj.n_waiting

    @property
    def broken(self):
        return self._token.obj.broken


_make_proxy(BarrierProxy, ('wait', 'abort', 'reset'))


class ArrayProxy(BaseProxy):
    pass


_make_proxy(ArrayProxy, ('__len__', '__getitem__', '__setitem__'))


class BaseManager:
    _registry = {}

    def __init__(self, address=None, authkey=None, serializer='pickle', ctx=None, *,
                 shutdown_timeout=1.0):
        self._state = 'INITIAL'
        self._address = address
        self._ctx = ctx

    @classmethod
    def register(cls, typeid, callable=None, proxytype=None, exposed=None,
                 method_to_typeid=None, create_method=True):
        if '_registry' not in cls.__dict__:
            cls._registry = cls._registry.copy()
        if proxytype is None:
            proxytype = AutoProxy
        exposed = exposed or getattr(proxytype, '_exposed_', None)
        cls._registry[typeid] = (callable, exposed, method_to_typeid, proxytype)
        if create_method:
            def temp(self, *args, **kwds):
                return self._create(typeid, *args, **kwds)
            setattr(cls, typeid, temp)

    def _create(self, typeid, *args, **kwds):
        if self._state != 'STARTED':
            raise RuntimeError("Unable to connect to server" if self._state == 'INITIAL'
                               else "Server not started")
        callable, exposed, method_to_typeid, proxytype = self._registry[typeid]
        args = _multiprocessing.copy(args)
        kwds = _multiprocessing.copy(kwds)
        obj = callable(*args, **kwds)
        if exposed is None:
            # As `Server.create`: the referent's public methods (`public_methods`).
            exposed = tuple(name for name in dir(obj) if name[0] != '_' and builtins_callable(getattr(obj, name)))
        token = Token(typeid, obj)
        if getattr(proxytype, '_state_on_class_', False):
            class proxy(proxytype):
                _token = token
                _manager = self
            return proxy(token, self, exposed)
        return proxytype(token, self, exposed=exposed)

    def start(self, initializer=None, initargs=()):
        if self._state != 'INITIAL':
            raise ProcessError('Already started server' if self._state == 'STARTED'
                               else 'Manager has shut down')
        # CPython starts the server as a process named after the manager: the name and
        # its number in the process counter.
        count = _process._next_count()
        ident = ':'.join(str(i) for i in _process.current_process()._identity + (count,))
        self._name = type(self).__name__ + '-' + ident
        if initializer is not None:
            initializer(*initargs)
        self._state = 'STARTED'

    def connect(self):
        self._state = 'STARTED'

    def shutdown(self):
        self._state = 'SHUTDOWN'

    def join(self, timeout=None):
        pass

    @property
    def address(self):
        return self._address

    def __enter__(self):
        if self._state == 'INITIAL':
            self.start()
        if self._state != 'STARTED':
            raise ProcessError('Unable to start server' if self._state == 'INITIAL'
                               else 'Manager has shut down')
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown()


def _array(typecode, sequence, lock=True):
    # array.array in CPython; a list of the items here.
    return list(sequence)


class SyncManager(BaseManager):
    pass


SyncManager.register('Queue', queue.Queue)
SyncManager.register('JoinableQueue', queue.Queue)
SyncManager.register('Event', _sync.Event, EventProxy)
SyncManager.register('Lock', _sync.Lock, AcquirerProxy)
SyncManager.register('RLock', _sync.RLock, AcquirerProxy)
SyncManager.register('Semaphore', _sync.Semaphore, AcquirerProxy)
SyncManager.register('BoundedSemaphore', _sync.BoundedSemaphore, AcquirerProxy)
SyncManager.register('Condition', _sync.Condition, ConditionProxy)
SyncManager.register('Barrier', _sync.Barrier, BarrierProxy)
SyncManager.register('list', list, ListProxy)
SyncManager.register('dict', dict, DictProxy)
SyncManager.register('Value', Value, ValueProxy)
SyncManager.register('Array', _array, ArrayProxy)
SyncManager.register('Namespace', Namespace, NamespaceProxy)
