"""multiprocessing.queues: JoinableQueue and SimpleQueue, after CPython 3.11's
Lib/multiprocessing/queues.py, over the native pickling `Queue`.

A `JoinableQueue` counts unfinished tasks in state shared by every process (CPython: a
semaphore and a condition in shared memory); `put` counts one more, `task_done` one
less, and `join` waits for none.
"""

__all__ = ('JoinableQueue', 'SimpleQueue')

import multiprocessing
from multiprocessing.synchronize import Condition
from multiprocessing import Lock


class JoinableQueue:
    _mp_shared_ = True

    def __init__(self, maxsize=0, *, ctx=None):
        self._queue = multiprocessing.Queue(maxsize)
        self._cond = Condition(Lock())
        self._unfinished_tasks = 0

    def put(self, obj, block=True, timeout=None):
        with self._cond:
            self._unfinished_tasks += 1
        try:
            self._queue.put(obj, block, timeout)
        except BaseException:
            with self._cond:
                self._unfinished_tasks -= 1
            raise

    def put_nowait(self, obj):
        return self.put(obj, False)

    def get(self, block=True, timeout=None):
        return self._queue.get(block, timeout)

    def get_nowait(self):
        return self._queue.get(False)

    def qsize(self):
        return self._queue.qsize()

    def empty(self):
        return self._queue.empty()

    def full(self):
        return self._queue.full()

    def close(self):
        self._queue.close()

    def join_thread(self):
        self._queue.join_thread()

    def cancel_join_thread(self):
        self._queue.cancel_join_thread()

    def task_done(self):
        with self._cond:
            if self._unfinished_tasks <= 0:
                raise ValueError('task_done() called too many times')
            self._unfinished_tasks -= 1
            if self._unfinished_tasks == 0:
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if self._unfinished_tasks:
                self._cond.wait()


class SimpleQueue:
    """A queue without a size or a feeder thread: get, put, empty, close."""

    def __init__(self, *, ctx=None):
        self._queue = multiprocessing.Queue()
        self._closed = False

    def put(self, obj):
        self._queue.put(obj)

    def get(self):
        return self._queue.get()

    def empty(self):
        return self._queue.empty()

    def close(self):
        self._closed = True
