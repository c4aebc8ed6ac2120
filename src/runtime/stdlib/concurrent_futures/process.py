"""concurrent.futures.process: ProcessPoolExecutor, after CPython 3.11's
Lib/concurrent/futures/process.py, simplified: worker processes fed by a queue, their
results collected by a thread.
"""

__all__ = ('ProcessPoolExecutor',)

import threading
import multiprocessing
from concurrent.futures._base import Future, _Executor


def _process_worker(calls, results):
    while True:
        item = calls.get()
        if item is None:
            return
        index, fn, args, kwargs = item
        try:
            results.put((index, True, fn(*args, **kwargs)))
        except BaseException as exc:
            results.put((index, False, exc))


def _collect_results(executor):
    while True:
        item = executor._results.get()
        if item is None:
            return
        index, ok, value = item
        future = executor._pending.pop(index)
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


class ProcessPoolExecutor(_Executor):
    def __init__(self, max_workers=None, mp_context=None, initializer=None, initargs=()):
        if max_workers is None:
            max_workers = multiprocessing.cpu_count()
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._calls = multiprocessing.Queue()
        self._results = multiprocessing.Queue()
        self._processes = []
        self._pending = {}
        self._next = 0
        self._shutdown = False
        self._collector = None

    def submit(self, fn, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        f = Future()
        f.set_running_or_notify_cancel()
        self._pending[self._next] = f
        self._calls.put((self._next, fn, args, kwargs))
        self._next += 1
        if len(self._processes) < min(self._max_workers, self._next):
            p = multiprocessing.Process(target=_process_worker, args=(self._calls, self._results))
            p.start()
            self._processes.append(p)
        if self._collector is None:
            self._collector = threading.Thread(target=_collect_results, args=(self,), daemon=True)
            self._collector.start()
        return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        for _ in self._processes:
            self._calls.put(None)
        if wait:
            for p in self._processes:
                p.join()
            for f in list(self._pending.values()):
                f.result()
            self._results.put(None)
