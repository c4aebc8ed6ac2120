# The `multiprocessing` module as Interleave runs it: Process, current_process, Pool and
# friends written over native process start/join, copying queues and shared locks.
# Process names and Pool's chunking follow CPython 3.11 (Lib/multiprocessing/).

_counter = 0


def _next_number():
    global _counter
    _counter += 1
    return _counter


class Process:
    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._number = _next_number()
        self._name = name or f"Process-{self._number}"
        self._daemonic = bool(daemon) if daemon is not None else False
        self._pid = None

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        if self._pid is not None:
            raise AssertionError('cannot start a process twice')
        self._pid = _start(self, self._name, self._daemonic)

    def join(self, timeout=None):
        if self._pid is None:
            raise AssertionError('can only join a started process')
        _join(self._pid, timeout)

    def is_alive(self):
        if self._pid is None:
            return False
        return _is_alive(self._pid)

    @property
    def exitcode(self):
        if self._pid is None:
            return None
        return _exitcode(self._pid)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        self._daemonic = daemonic

    @property
    def pid(self):
        return self._pid

    ident = pid

    def terminate(self):
        pass

    def kill(self):
        pass

    def close(self):
        pass

    def __repr__(self):
        status = 'initial'
        if self._pid is not None:
            status = 'started' if self.is_alive() else 'stopped'
        return f"<{type(self).__name__} name='{self._name}' {status}>"


class _MainProcess(Process):
    def __init__(self):
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._name = 'MainProcess'
        self._daemonic = False
        self._pid = _current_pid()

    def __repr__(self):
        return "<_MainProcess name='MainProcess' parent=None started>"


_main_process = None


def current_process():
    global _main_process
    obj = _process_object(_current_pid())
    if obj is not None:
        return obj
    if _main_process is None:
        _main_process = _MainProcess()
    return _main_process


def parent_process():
    return None


def active_children():
    return []


class PicklingError(Exception):
    __module__ = '_pickle'


def _check_picklable(func):
    # Pool sends its tasks to the workers pickled, and pickle sends functions by name.
    refused = _unpicklable(func)
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
