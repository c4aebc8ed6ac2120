"""multiprocessing.process: Process and current_process(), after CPython 3.11's
Lib/multiprocessing/process.py, over the native process start, join and terminate of the
private `_multiprocessing` module.

Names follow `BaseProcess.__init__`: `type(self).__name__ + '-' + identity`, so a
subclass `Worker` names its instances `Worker-1`, and a child's own children are
`Process-1:1` (each process counts from 1). This module's state is not copied by fork
(it is the machine's, not the program's), so what CPython keeps per process is kept here
by process id.
"""

__all__ = ('BaseProcess', 'Process', 'current_process', 'parent_process', 'active_children')

import _multiprocessing
import sys

# Per process id: the next child number (`_process_counter`), its started children.
_counters = {}
_children = {}
# Called with (parent pid, child pid) after each fork (pipes count their handles).
_fork_hooks = []
# Called with a process's id when it ends (its pipe handles close).
_exit_hooks = []
# `_exitcode_to_name` in CPython: a death by signal shows as its name in reprs.
_exitcode_to_name = {-15: '-SIGTERM', -9: '-SIGKILL', -2: '-SIGINT'}


_NOT_BOOTSTRAPPED = '''
        An attempt has been made to start a new process before the
        current process has finished its bootstrapping phase.

        This probably means that you are not using fork to start your
        child processes and you have forgotten to use the proper idiom
        in the main module:

            if __name__ == '__main__':
                freeze_support()
                ...

        The "freeze_support()" line can be omitted if the program
        is not going to be frozen to produce an executable.

        To fix this issue, refer to the "Safe importing of main module"
        section in https://docs.python.org/3/library/multiprocessing.html
        '''


def _next_count():
    pid = _multiprocessing.current_pid()
    n = _counters.get(pid, 0) + 1
    _counters[pid] = n
    return n


def _run_exit_hooks(pid):
    for hook in _exit_hooks:
        hook(pid)


def _util_log(level, msg):
    # multiprocessing.util.info/debug: only once log_to_stderr()/get_logger() made a logger.
    from multiprocessing import util
    if util._logger is not None:
        util._logger.log(level, msg)


class BaseProcess:
    _start_method = None

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={}, *, daemon=None):
        assert group is None, 'group argument must be None for now'
        count = _next_count()
        parent = current_process()
        self._identity = parent._identity + (count,)
        # ':'.join(map(str, self._identity)), from the parent's: CPython joins the whole
        # identity for each new process, which made a chain of N nested processes O(N^2)
        # interpreted steps here.
        parent_text = getattr(parent, '_identity_text', None)
        if parent_text is None:
            parent_text = ':'.join(map(str, parent._identity))
        self._identity_text = parent_text + ':' + str(count) if parent_text else str(count)
        self._parent_pid = parent.pid
        self._parent_name = parent.name
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + self._identity_text
        self._daemonic = bool(daemon) if daemon is not None else parent.daemon
        self._pid = None
        self._closed = False

    def run(self):
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        self._check_closed()
        assert self._pid is None, 'cannot start a process twice'
        assert self._parent_pid == _multiprocessing.current_pid(), \
            'can only start a process object created by current process'
        assert not current_process()._daemonic, \
            'daemonic processes are not allowed to have children'
        parent = _multiprocessing.current_pid()
        method = self._spawn_method()
        from multiprocessing import context
        if method != 'fork':
            # spawn.get_preparation_data(): refused while this process is itself still
            # re-running the main module; it asks for the start method, which fixes the
            # default context.
            if getattr(current_process(), '_inheriting', False):
                raise RuntimeError(_NOT_BOOTSTRAPPED)
            context.get_start_method()
            self._spawned = True
        self._pid = _multiprocessing.start(self, self._name, self._daemonic, method)
        context._inherit(parent, self._pid, method)
        _children.setdefault(parent, []).append(self)
        for hook in _fork_hooks:
            hook(parent, self._pid)

    def _spawn_method(self):
        if self._start_method is not None:
            return self._start_method
        from multiprocessing import context
        return context._method_for_start()

    def _bootstrap(self):
        # BaseProcess._bootstrap: run(), then the exit code; an exception is printed as
        # "Process NAME:" and its traceback, and exits 1; sys.exit(n) exits n.
        # The object was copied by fork before start() learnt the child's pid.
        self._pid = _multiprocessing.current_pid()
        exitcode = 1
        if getattr(self, '_spawned', False):
            # spawn.prepare(): the main module runs again as __mp_main__ before run().
            self._inheriting = True
            try:
                _multiprocessing.spawn_main()
            except BaseException:
                import traceback
                traceback.print_exc()
                _run_exit_hooks(self._pid)
                return 1
            finally:
                self._inheriting = False
        try:
            _util_log(20, 'child process calling self.run()')
            self.run()
            exitcode = 0
        except SystemExit as e:
            code = e.args[0] if e.args else None
            if code is None:
                exitcode = 0
            elif isinstance(code, int):
                exitcode = code
            else:
                sys.stderr.write(str(code) + '\n')
                exitcode = 1
        except BaseException:
            import traceback
            sys.stderr.write('Process %s:\n' % self.name)
            traceback.print_exc()
        _util_log(20, 'process shutting down')
        _util_log(20, 'process exiting with exitcode %d' % exitcode)
        _run_exit_hooks(self._pid)
        return exitcode

    def terminate(self):
        self._check_closed()
        if self._pid is not None:
            self._signal(-15)

    def kill(self):
        self._check_closed()
        if self._pid is not None:
            self._signal(-9)

    def _signal(self, exitcode):
        if _multiprocessing.is_alive(self._pid):
            _multiprocessing.terminate(self._pid, exitcode)
            _run_exit_hooks(self._pid)

    def join(self, timeout=None):
        self._check_closed()
        assert self._parent_pid == _multiprocessing.current_pid(), 'can only join a child process'
        assert self._pid is not None, 'can only join a started process'
        _multiprocessing.join(self._pid, timeout)

    def is_alive(self):
        self._check_closed()
        if self is _current():
            return True
        assert self._parent_pid == _multiprocessing.current_pid(), 'can only test a child process'
        if self._pid is None:
            return False
        return _multiprocessing.is_alive(self._pid)

    def close(self):
        if self._pid is not None and _multiprocessing.is_alive(self._pid):
            raise ValueError("Cannot close a process while it is still running. "
                             "You should first call join() or terminate().")
        self._closed = True

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    @property
    def exitcode(self):
        self._check_closed()
        if self._pid is None:
            return None
        return _multiprocessing.exitcode(self._pid)

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        assert self._pid is None, 'process has already started'
        self._daemonic = daemonic

    @property
    def pid(self):
        return self._pid

    ident = pid

    @property
    def sentinel(self):
        self._check_closed()
        if self._pid is None:
            raise ValueError('process not started')
        return self._pid

    def __repr__(self):
        exitcode = None
        if self is _current():
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._parent_pid != _multiprocessing.current_pid():
            status = 'unknown'
        elif self._pid is None:
            status = 'initial'
        else:
            exitcode = _multiprocessing.exitcode(self._pid)
            status = 'started' if exitcode is None else 'stopped'
        info = [type(self).__name__, 'name=%r' % self._name]
        if self._pid is not None:
            info.append('pid=%s' % self._pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            info.append('exitcode=%s' % _exitcode_to_name.get(exitcode, exitcode))
        if self._daemonic:
            info.append('daemon')
        return '<%s>' % ' '.join(info)


class Process(BaseProcess):
    """multiprocessing.context.Process: started with the context's start method."""


class ForkProcess(BaseProcess):
    _start_method = 'fork'


class SpawnProcess(BaseProcess):
    _start_method = 'spawn'


class _MainProcess(BaseProcess):
    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._target = None
        self._args = ()
        self._kwargs = {}
        self._daemonic = False
        self._pid = _multiprocessing.current_pid()
        self._closed = False

    def __repr__(self):
        return "<_MainProcess name='MainProcess' parent=None started>"


class _ParentProcess(BaseProcess):
    def __init__(self, name, pid):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._daemonic = False
        self._closed = False

    def is_alive(self):
        return _multiprocessing.is_alive(self._pid)

    def join(self, timeout=None):
        _multiprocessing.join(self._pid, timeout)


_main_process = None


def _current():
    global _main_process
    obj = _multiprocessing.process_object(_multiprocessing.current_pid())
    if obj is not None:
        return obj
    if _main_process is None:
        _main_process = _MainProcess()
    return _main_process


def current_process():
    return _current()


def parent_process():
    me = _current()
    if me._parent_pid is None:
        return None
    return _ParentProcess(me._parent_name, me._parent_pid)


def active_children():
    mine = _children.get(_multiprocessing.current_pid(), [])
    mine[:] = [p for p in mine if _multiprocessing.is_alive(p._pid)]
    return list(mine)
