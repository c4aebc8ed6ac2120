"""threading, ported from CPython 3.11's Lib/threading.py: Thread, Condition, Semaphore,
BoundedSemaphore, Event, Barrier, Timer, excepthook, enumerate and the
`_register_atexit` hook run before the exit joins the threads, on native locks and
threads (the private `_thread` module, as in CPython), so waiting, wake-up and timeout
behaviour is CPython's by construction. Lock and RLock are native.

The deprecated camelCase names warn as CPython's do (`warnings.warn(..., DeprecationWarning,
stacklevel=2)`): under the default filters once per calling line of the program, with its
file, line and source.
"""

import _thread
import sys as _sys
from time import monotonic as _time

_counter = 0


def _deprecated(message):
    # Imported here: only a program that uses a deprecated name pays for `warnings`.
    import warnings
    warnings.warn(message, DeprecationWarning, stacklevel=2)


def _newname(name_template):
    global _counter
    _counter += 1
    return name_template % _counter


class Thread:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *, daemon=None):
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    target_name = target.__name__
                    name += f" ({target_name})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._tid = None
        self._ident = None
        self._started = False

    def __repr__(self):
        status = "initial"
        if self._started:
            status = "started"
        if self._tid is not None and not _thread.is_alive(self._tid):
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if self._started:
            raise RuntimeError("threads can only be started once")
        self._started = True
        self._tid = _thread.start(self, self._name, self._daemonic, self._bootstrap_inner)
        self._ident = _thread.ident_of(self._tid)
        _thread.wait_started(self._tid)

    def _bootstrap_inner(self):
        # The body of the new thread. An exception from run() goes to excepthook; the
        # default hook's printing is the runtime's (it also marks the thread failed).
        try:
            self.run()
        except SystemExit:
            raise
        except BaseException as exc:
            if excepthook is __excepthook__:
                raise
            excepthook(ExceptHookArgs((type(exc), exc, exc.__traceback__, self)))

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            self._target = None
            self._args = None
            self._kwargs = None

    def join(self, timeout=None):
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self._tid == _thread.current_tid():
            raise RuntimeError("cannot join current thread")
        _thread.join(self._tid, timeout)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)
        if self._tid is not None:
            _thread.set_name(self._tid, self._name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._ident

    def is_alive(self):
        return self._tid is not None and _thread.is_alive(self._tid)

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        _deprecated('isDaemon() is deprecated, get the daemon attribute instead')
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated('setDaemon() is deprecated, set the daemon attribute instead')
        self.daemon = daemonic

    def getName(self):
        _deprecated('getName() is deprecated, get the name attribute instead')
        return self.name

    def setName(self, name):
        _deprecated('setName() is deprecated, set the name attribute instead')
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        self._target = None
        self._name = "MainThread"
        self._args = ()
        self._kwargs = {}
        self._daemonic = False
        self._tid = _thread.current_tid()
        self._ident = _thread.ident_of(self._tid)
        self._started = True


class _DummyThread(Thread):
    def __init__(self, tid):
        self._target = None
        self._name = _thread.name_of(tid)
        self._args = ()
        self._kwargs = {}
        self._daemonic = True
        self._tid = tid
        self._ident = _thread.ident_of(tid)
        self._started = True

    def join(self, timeout=None):
        raise RuntimeError("cannot join a dummy thread")


_threads = {}


def current_thread():
    tid = _thread.current_tid()
    t = _threads.get(tid)
    if t is None:
        obj = _thread.thread_object(tid)
        if obj is not None:
            return obj
        if _thread.is_main(tid):
            t = _MainThread()
        else:
            t = _DummyThread(tid)
        _threads[tid] = t
    return t


def currentThread():
    _deprecated('currentThread() is deprecated, use current_thread() instead')
    return current_thread()


def enumerate():
    # Every thread alive in this process, main thread first, in start order.
    out = []
    for tid in _thread.alive_tids():
        t = _thread.thread_object(tid)
        if t is None:
            t = _threads.get(tid)
        if t is None:
            t = _MainThread() if _thread.is_main(tid) else _DummyThread(tid)
            _threads[tid] = t
        out.append(t)
    return out


def main_thread():
    return _thread.main_thread_object()


def get_ident():
    return _thread.ident_of(_thread.current_tid())


get_native_id = get_ident


def active_count():
    return _thread.active_count()


# threading.settrace/setprofile store the hook each new thread's bootstrap would pass to
# sys.settrace/sys.setprofile (CPython's Thread._bootstrap_inner). Interleave has no
# tracing or profiling of Python calls, so the hook is kept (gettrace/getprofile return
# it) but never called.
_trace_hook = None
_profile_hook = None


def settrace(func):
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


def activeCount():
    _deprecated('activeCount() is deprecated, use active_count() instead')
    return active_count()


class ExceptHookArgs:
    # The structseq threading.excepthook receives (a tuple in CPython, which cannot be
    # subclassed here): its four fields by name and by index.
    def __init__(self, args):
        self.exc_type, self.exc_value, self.exc_traceback, self.thread = args

    def __getitem__(self, i):
        return (self.exc_type, self.exc_value, self.exc_traceback, self.thread)[i]

    def __len__(self):
        return 4


def excepthook(args):
    # The default hook: what the runtime prints for an uncaught exception in a thread.
    if args.exc_type == SystemExit:
        return
    name = args.thread.name if args.thread is not None else get_ident()
    _sys.stderr.write(f"Exception in thread {name}:\n")
    import traceback
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback)


__excepthook__ = excepthook


_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append((func, arg, kwargs))


def _run_atexits():
    # threading._shutdown, before it joins the non-daemon threads: the registered
    # functions, in reverse order, as atexit does.
    global _SHUTTING_DOWN
    _SHUTTING_DOWN = True
    for func, arg, kwargs in reversed(_threading_atexits):
        func(*arg, **kwargs)


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _is_owned(self):
        if self._lock.acquire(False):
            self._lock.release()
            return False
        else:
            return True

    def wait(self, timeout=None):
        if not self._lock_is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = Lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:
            if timeout is None:
                waiter.acquire()
                gotit = True
            else:
                if timeout > 0:
                    gotit = waiter.acquire(True, timeout)
                else:
                    gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def _lock_is_owned(self):
        try:
            return self._lock._is_owned()
        except AttributeError:
            return self._is_owned()

    def _release_save(self):
        try:
            return self._lock._release_save()
        except AttributeError:
            self._lock.release()
            return None

    def _acquire_restore(self, x):
        try:
            self._lock._acquire_restore(x)
        except AttributeError:
            self._lock.acquire()

    def wait_for(self, predicate, timeout=None):
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._lock_is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    def notifyAll(self):
        _deprecated('notifyAll() is deprecated, use notify_all() instead')
        self.notify_all()


class Semaphore:
    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def release(self, n=1):
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:
    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def is_set(self):
        return self._flag

    def isSet(self):
        _deprecated('isSet() is deprecated, use is_set() instead')
        return self.is_set()

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    # _state: 0 filling, 1 draining, -1 resetting, -2 broken.
    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return f"<{cls.__module__}.{cls.__qualname__} object: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} object: waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 0

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 1

    def _exit(self):
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


class Timer(Thread):
    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()
