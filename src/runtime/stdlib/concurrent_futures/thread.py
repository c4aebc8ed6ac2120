"""concurrent.futures.thread: ThreadPoolExecutor, after CPython 3.11's
Lib/concurrent/futures/thread.py: worker threads named <prefix>_<n>, created on demand
up to max_workers, idle workers reused. map() returns a list.
"""

__all__ = ('ThreadPoolExecutor',)

import threading
import queue
import multiprocessing
from concurrent.futures._base import Future, _Executor


_thread_counter = 0


def _thread_worker(executor, work_queue):
    while True:
        item = work_queue.get(block=True)
        if item is None:
            work_queue.put(None)
            return
        future, fn, args, kwargs = item
        if future.set_running_or_notify_cancel():
            try:
                result = fn(*args, **kwargs)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)
        executor._idle_semaphore.release()


class ThreadPoolExecutor(_Executor):
    def __init__(self, max_workers=None, thread_name_prefix='', initializer=None, initargs=()):
        global _thread_counter
        if max_workers is None:
            max_workers = min(32, multiprocessing.cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._shutdown = False
        self._thread_name_prefix = thread_name_prefix or ("ThreadPoolExecutor-%d" % _thread_counter)
        _thread_counter += 1

    def submit(self, fn, *args, **kwargs):
        if self._shutdown:
            raise RuntimeError('cannot schedule new futures after shutdown')
        f = Future()
        self._work_queue.put((f, fn, args, kwargs))
        self._adjust_thread_count()
        return f

    def _adjust_thread_count(self):
        if self._idle_semaphore.acquire(timeout=0):
            return
        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            name = '%s_%d' % (self._thread_name_prefix, num_threads)
            t = threading.Thread(name=name, target=_thread_worker, args=(self, self._work_queue))
            t.start()
            self._threads.append(t)

    def shutdown(self, wait=True, *, cancel_futures=False):
        self._shutdown = True
        self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()
