"""concurrent.futures._base: Future, wait() and as_completed(), after CPython 3.11's
Lib/concurrent/futures/_base.py, on threading.Condition. as_completed() returns a list,
in the order CPython's iterator would yield.
"""

__all__ = (
    'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED',
    'CancelledError', 'TimeoutError', 'Future', 'wait', 'as_completed',
)

import threading

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'


class CancelledError(Exception):
    pass


class TimeoutError(Exception):
    pass


_PENDING, _RUNNING, _CANCELLED, _FINISHED = 'PENDING', 'RUNNING', 'CANCELLED', 'FINISHED'


class Future:
    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []

    def __repr__(self):
        return f"<Future state={self._state.lower()}>"

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
        self._invoke_callbacks()
        return True

    def cancelled(self):
        return self._state == _CANCELLED

    def running(self):
        return self._state == _RUNNING

    def done(self):
        return self._state in (_CANCELLED, _FINISHED)

    def _get(self):
        if self._state == _CANCELLED:
            raise CancelledError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def result(self, timeout=None):
        with self._condition:
            if self.done():
                return self._get()
            self._condition.wait(timeout)
            if self.done():
                return self._get()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if not self.done():
                self._condition.wait(timeout)
            if not self.done():
                raise TimeoutError()
            if self._state == _CANCELLED:
                raise CancelledError()
            return self._exception

    def add_done_callback(self, fn):
        with self._condition:
            if not self.done():
                self._callbacks.append(fn)
                return
        fn(self)

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            self._state = _RUNNING
            return True

    def set_result(self, result):
        with self._condition:
            self._result = result
            self._state = _FINISHED
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        with self._condition:
            self._exception = exception
            self._state = _FINISHED
            self._condition.notify_all()
        self._invoke_callbacks()

    def _invoke_callbacks(self):
        for callback in self._callbacks:
            callback(self)


class _Executor:
    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        fs = [self.submit(fn, *args) for args in zip(*iterables)]
        return [f.result(timeout) for f in fs]


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = list(fs)
    done_event = threading.Event()

    def check(_=None):
        finished = [f for f in fs if f.done()]
        if return_when == FIRST_COMPLETED and finished:
            done_event.set()
        elif return_when == FIRST_EXCEPTION and any(
                not f.cancelled() and f._exception is not None for f in finished):
            done_event.set()
        elif len(finished) == len(fs):
            done_event.set()

    check()
    if not done_event.is_set():
        for f in fs:
            f.add_done_callback(check)
        done_event.wait(timeout)
    done = set(f for f in fs if f.done())
    not_done = set(f for f in fs if not f.done())
    return done, not_done


def as_completed(fs, timeout=None):
    fs = list(fs)
    order = [f for f in fs if f.done()]
    lock = threading.Condition()

    def on_done(f):
        with lock:
            if f not in order:
                order.append(f)
            lock.notify_all()

    for f in fs:
        if not f.done():
            f.add_done_callback(on_done)
    with lock:
        while len(order) < len(fs):
            if not lock.wait(timeout):
                raise TimeoutError("%d (of %d) futures unfinished" % (len(fs) - len(order), len(fs)))
    return order
