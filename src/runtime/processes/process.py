"""multiprocessing.process: Process and current_process(), after CPython 3.11's
Lib/multiprocessing/process.py (names `Process-N`, the `MainProcess`), over the native
process start and join of the private `_multiprocessing` module.
"""

__all__ = ('Process', 'current_process', 'parent_process', 'active_children')

import _multiprocessing

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
        self._pid = _multiprocessing.start(self, self._name, self._daemonic)

    def join(self, timeout=None):
        if self._pid is None:
            raise AssertionError('can only join a started process')
        _multiprocessing.join(self._pid, timeout)

    def is_alive(self):
        if self._pid is None:
            return False
        return _multiprocessing.is_alive(self._pid)

    @property
    def exitcode(self):
        if self._pid is None:
            return None
        return _multiprocessing.exitcode(self._pid)

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
        self._pid = _multiprocessing.current_pid()

    def __repr__(self):
        return "<_MainProcess name='MainProcess' parent=None started>"


_main_process = None


def current_process():
    global _main_process
    obj = _multiprocessing.process_object(_multiprocessing.current_pid())
    if obj is not None:
        return obj
    if _main_process is None:
        _main_process = _MainProcess()
    return _main_process


def parent_process():
    return None


def active_children():
    return []
