"""multiprocessing.pool: Pool, after CPython 3.11's Lib/multiprocessing/pool.py: worker
processes named `ForkPoolWorker-N` fed chunks through a queue, with CPython's chunk size;
its function is pickled by name, so a lambda or a nested function is refused as there.
"""

__all__ = ('Pool',)

import _multiprocessing
from multiprocessing import Queue, cpu_count
from multiprocessing.process import Process


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


def _pool_worker(tasks, results):
    while True:
        task = tasks.get()
        if task is None:
            break
        func, index, chunk, how = task
        try:
            if how == _ONE:
                values = [func(x) for x in chunk]
            elif how == _STAR:
                values = [func(*x) for x in chunk]
            else:
                values = [func(*x[0], **x[1]) for x in chunk]
            results.put((True, index, values))
        except Exception as e:
            results.put((False, index, e))


_pool_counter = 0


class Pool:
    def __init__(self, processes=None, initializer=None, initargs=()):
        global _pool_counter
        if processes is None:
            processes = cpu_count()
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        self._processes = processes
        self._tasks = Queue()
        self._results = Queue()
        self._pool = []
        self._state = 'RUN'
        for i in range(processes):
            _pool_counter += 1
            p = Process(target=_pool_worker, args=(self._tasks, self._results),
                        name=f"ForkPoolWorker-{_pool_counter}")
            p.daemon = True
            p.start()
            self._pool.append(p)

    def _check_running(self):
        if self._state != 'RUN':
            raise ValueError("Pool not running")

    def map(self, func, iterable, chunksize=None):
        return self._map(func, iterable, chunksize, _ONE)

    def _map(self, func, iterable, chunksize, how):
        self._check_running()
        _check_picklable(func)
        items = list(iterable)
        if chunksize is None:
            chunksize, extra = divmod(len(items), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(items) == 0:
            return []
        chunks = 0
        for start in range(0, len(items), chunksize):
            self._tasks.put((func, start, items[start:start + chunksize], how))
            chunks += 1
        results = [None] * len(items)
        for _ in range(chunks):
            ok, index, values = self._results.get()
            if not ok:
                raise values
            for k in range(len(values)):
                results[index + k] = values[k]
        return results

    def starmap(self, func, iterable, chunksize=None):
        return self._map(func, iterable, chunksize, _STAR)

    def apply(self, func, args=(), kwds={}):
        return self._map(func, [(tuple(args), dict(kwds))], None, _ARGS_KWDS)[0]

    def close(self):
        if self._state == 'RUN':
            self._state = 'CLOSE'
            for _ in self._pool:
                self._tasks.put(None)

    def terminate(self):
        self.close()
        self._state = 'TERMINATE'

    def join(self):
        if self._state == 'RUN':
            raise ValueError("Pool is still running")
        for p in self._pool:
            p.join()

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()
