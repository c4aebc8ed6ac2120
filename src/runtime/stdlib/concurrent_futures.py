# `concurrent.futures`: ThreadPoolExecutor (after CPython 3.11's Lib/concurrent/futures/
# thread.py: worker threads named <prefix>_<n>, created on demand up to max_workers,
# idle workers reused) and ProcessPoolExecutor (worker processes fed by a queue), with
# Future, wait() and as_completed(). map() and as_completed() return lists, in the order
# CPython's iterators would yield.

import threading
import queue as _queue
import multiprocessing as _mp

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
            max_workers = min(32, _mp.cpu_count() + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._work_queue = _queue.SimpleQueue()
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
            max_workers = _mp.cpu_count()
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        self._max_workers = max_workers
        self._calls = _mp.Queue()
        self._results = _mp.Queue()
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
            p = _mp.Process(target=_process_worker, args=(self._calls, self._results))
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
