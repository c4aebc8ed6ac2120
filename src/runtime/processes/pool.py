"""multiprocessing.pool: Pool, ThreadPool and their results, after CPython 3.11's
Lib/multiprocessing/pool.py.

Worker processes (`ForkPoolWorker-N`, from the process counter) take chunks of work
from a task queue and put each chunk's results on a result queue; the function is
pickled by name, so a lambda or a nested function is refused as there. Every call is
asynchronous underneath: `map` is `map_async(...).get()`. CPython hands results to
their `AsyncResult`s (and runs callbacks) in a result-handler thread of the parent;
here the parent takes results off the queue whenever it asks about one (`get`, `wait`,
`ready`, `join`, the next item of `imap`), so callbacks run in the thread that asks,
and in the order the results arrived.
"""

# The package exports only Pool; ThreadPool is imported from here, as in CPython.
__all__ = ('Pool',)

import _multiprocessing
import queue as _queue
import threading
import time
from multiprocessing import Queue, Empty, cpu_count
from multiprocessing.context import TimeoutError, get_context


class PicklingError(Exception):
    __module__ = '_pickle'


def _check_picklable(func):
    # Pool sends its tasks to the workers pickled, and pickle sends functions by name.
    refused = _multiprocessing.unpicklable(func)
    if refused is not None:
        kind, message = refused
        raise (PicklingError if kind == 'PicklingError' else AttributeError)(message)


# How a pool worker calls the function on each item: f(x), f(*x), f(*args, **kwds).
_ONE, _STAR, _ARGS_KWDS = 0, 1, 2


def worker(tasks, results, initializer=None, initargs=()):
    if initializer is not None:
        initializer(*initargs)
    while True:
        task = tasks.get()
        if task is None:
            break
        job, index, func, chunk, how = task
        try:
            if how == _ONE:
                values = [func(x) for x in chunk]
            elif how == _STAR:
                values = [func(*x) for x in chunk]
            else:
                values = [func(*x[0], **x[1]) for x in chunk]
            results.put((job, index, True, values))
        except Exception as e:
            results.put((job, index, False, e))


_job_counter = 0


def _next_job():
    global _job_counter
    _job_counter += 1
    return _job_counter


class ApplyResult:
    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._job = _next_job()
        self._cache = pool._cache
        self._ready = False
        self._callback = callback
        self._error_callback = error_callback
        self._cache[self._job] = self

    def ready(self):
        self._pool._collect(lambda: self._ready, 0)
        return self._ready

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._pool._collect(lambda: self._ready, timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self._ready:
            raise TimeoutError
        if self._success:
            return self._value
        raise self._value

    def _set(self, i, ok, value):
        self._success = ok
        self._value = value[0] if ok else value
        if self._callback and ok:
            self._callback(self._value)
        if self._error_callback and not ok:
            self._error_callback(self._value)
        self._ready = True
        del self._cache[self._job]


AsyncResult = ApplyResult


class MapResult(ApplyResult):
    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback, error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._ready = True
            del self._cache[self._job]
        else:
            self._number_left = length // chunksize + bool(length % chunksize)

    def _set(self, i, ok, result):
        self._number_left -= 1
        if ok and self._success:
            self._value[i * self._chunksize:(i + 1) * self._chunksize] = result
            if self._number_left == 0:
                if self._callback:
                    self._callback(self._value)
                del self._cache[self._job]
                self._ready = True
        else:
            if not ok and self._success:
                # Only the first exception is kept.
                self._success = False
                self._value = result
            if self._number_left == 0:
                if self._error_callback:
                    self._error_callback(self._value)
                del self._cache[self._job]
                self._ready = True


class IMapIterator:
    def __init__(self, pool, chunks):
        self._pool = pool
        self._job = _next_job()
        self._cache = pool._cache
        self._chunks = chunks
        self._done = {}
        self._arrived = []
        self._next_chunk = 0
        self._pending = []
        if chunks:
            self._cache[self._job] = self

    def __iter__(self):
        return self

    def _set(self, i, ok, values):
        self._done[i] = (ok, values)
        self._arrived.append(i)
        if len(self._done) == self._chunks:
            del self._cache[self._job]

    def _chunk_ready(self):
        return self._next_chunk in self._done

    def _take_chunk(self):
        return self._done.pop(self._next_chunk)

    def next(self, timeout=None):
        while not self._pending:
            if self._next_chunk >= self._chunks:
                raise StopIteration
            self._pool._collect(self._chunk_ready, timeout)
            if not self._chunk_ready():
                raise TimeoutError
            ok, values = self._take_chunk()
            self._next_chunk += 1
            if not ok:
                raise values
            self._pending = list(values)
        return self._pending.pop(0)

    __next__ = next


class IMapUnorderedIterator(IMapIterator):
    def _chunk_ready(self):
        return bool(self._arrived)

    def _take_chunk(self):
        return self._done.pop(self._arrived.pop(0))


class Pool:
    _wrap_exception = True

    def __init__(self, processes=None, initializer=None, initargs=(), maxtasksperchild=None,
                 context=None):
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')
        self._ctx = context or get_context()
        self._processes = processes
        self._tasks = self._make_queue()
        self._results = self._make_queue()
        self._cache = {}
        self._pool = []
        self._state = 'RUN'
        for i in range(processes):
            self._pool.append(self._start_worker(initializer, initargs))

    def _make_queue(self):
        return Queue()

    def _start_worker(self, initializer, initargs):
        w = self._ctx.Process(target=worker, args=(self._tasks, self._results, initializer, initargs))
        w.name = w.name.replace('Process', 'PoolWorker')
        w.daemon = True
        w.start()
        return w

    def _check_func(self, func):
        _check_picklable(func)

    def __repr__(self):
        return '<%s.%s state=%s pool_size=%d>' % (type(self).__module__, type(self).__qualname__,
                                                   self._state, len(self._pool))

    def _check_running(self):
        if self._state != 'RUN':
            raise ValueError("Pool not running")

    def _collect(self, done, timeout):
        """Take results off the result queue until `done()`, or until `timeout` passes."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not done():
            try:
                if deadline is None:
                    msg = self._results.get()
                else:
                    left = deadline - time.monotonic()
                    msg = self._results.get(left > 0, max(left, 0))
            except Empty:
                return
            job, i, ok, value = msg
            if job in self._cache:
                self._cache[job]._set(i, ok, value)

    def _chunks(self, func, iterable, chunksize, how, result):
        for start in range(0, len(iterable), chunksize):
            self._tasks.put((result._job, start // chunksize, func, iterable[start:start + chunksize], how))

    def _map_async(self, func, iterable, how, chunksize=None, callback=None, error_callback=None):
        self._check_running()
        self._check_func(func)
        iterable = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0
        result = MapResult(self, chunksize, len(iterable), callback, error_callback)
        if chunksize:
            self._chunks(func, iterable, chunksize, how, result)
        return result

    def apply(self, func, args=(), kwds={}):
        return self.apply_async(func, args, kwds).get()

    def apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        self._check_running()
        self._check_func(func)
        result = ApplyResult(self, callback, error_callback)
        self._tasks.put((result._job, 0, func, [(tuple(args), dict(kwds))], _ARGS_KWDS))
        return result

    def map(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, _ONE, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        return self._map_async(func, iterable, _STAR, chunksize).get()

    def map_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, _ONE, chunksize, callback, error_callback)

    def starmap_async(self, func, iterable, chunksize=None, callback=None, error_callback=None):
        return self._map_async(func, iterable, _STAR, chunksize, callback, error_callback)

    def _imap(self, cls, func, iterable, chunksize):
        self._check_running()
        self._check_func(func)
        if chunksize < 1:
            raise ValueError("Chunksize must be 1+, not {0:n}".format(chunksize))
        iterable = list(iterable)
        result = cls(self, (len(iterable) + chunksize - 1) // chunksize)
        self._chunks(func, iterable, chunksize, _ONE, result)
        return result

    def imap(self, func, iterable, chunksize=1):
        return self._imap(IMapIterator, func, iterable, chunksize)

    def imap_unordered(self, func, iterable, chunksize=1):
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize)

    def close(self):
        if self._state == 'RUN':
            self._state = 'CLOSE'
            for _ in self._pool:
                self._tasks.put(None)

    def terminate(self):
        # CPython's _terminate_pool: the workers are stopped where they are.
        self._state = 'TERMINATE'
        for w in self._pool:
            self._stop_worker(w)

    def _stop_worker(self, w):
        if w.exitcode is None:
            w.terminate()

    def join(self):
        if self._state == 'RUN':
            raise ValueError("Pool is still running")
        if self._state == 'CLOSE':
            # The result handler delivers every outstanding result before join returns.
            self._collect(lambda: not self._cache, None)
        for w in self._pool:
            w.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


class ThreadPool(Pool):
    """A Pool of threads in this process (`multiprocessing.dummy`): nothing is pickled,
    and the workers share the program's memory."""

    def __init__(self, processes=None, initializer=None, initargs=()):
        Pool.__init__(self, processes, initializer, initargs)

    def _make_queue(self):
        return _queue.Queue()

    def _start_worker(self, initializer, initargs):
        w = threading.Thread(target=worker, args=(self._tasks, self._results, initializer, initargs))
        w.daemon = True
        w.start()
        return w

    def _check_func(self, func):
        pass

    def _stop_worker(self, w):
        # Threads cannot be stopped: CPython's ThreadPool tells them to end after their task.
        self._tasks.put(None)

    def _collect(self, done, timeout):
        deadline = None if timeout is None else time.monotonic() + timeout
        while not done():
            try:
                if deadline is None:
                    msg = self._results.get()
                else:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        msg = self._results.get(False)
                    else:
                        msg = self._results.get(True, left)
            except _queue.Empty:
                return
            job, i, ok, value = msg
            if job in self._cache:
                self._cache[job]._set(i, ok, value)
