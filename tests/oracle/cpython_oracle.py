#!/usr/bin/env python3
"""CPython oracle for Interleave's fidelity tests.

Runs a Python program in real CPython (3.11) with asyncio on a *virtual clock*
and prints its stdout in the same format as ``interleave run [--stamp]``::

    cpython_oracle.py [--stamp] [--timeout SECONDS] FILE.py
    cpython_oracle.py --write [DIR...]   # regenerate NAME.expected / NAME.status
    cpython_oracle.py --check [DIR...]   # re-run and compare with the saved files

What the virtual world looks like (the engine must model the same thing):

* The clock starts at 0.0.  ``time.time``, ``time.monotonic``,
  ``time.perf_counter`` (and their ``_ns`` variants) return it, and so does
  ``loop.time()``.  As a wall date, 0.0 is the Unix epoch in UTC (the oracle
  runs with ``TZ=UTC``): ``time.localtime()``, ``time.strftime(fmt)``,
  ``time.ctime()``, ``datetime.datetime.now()`` and ``date.today()`` read the
  virtual clock, and logging's relative times count from 0.0.  ``time.sleep(d)`` advances it by ``d`` and nothing else runs
  meanwhile (it blocks the event loop).
* The event loop's selector never waits: when ``BaseEventLoop._run_once`` asks
  it to wait ``timeout`` seconds for the earliest timer, the clock jumps to that
  timer's deadline *exactly* (``clock = when``, not ``clock + timeout``, so
  float sums such as ``0.1 + 0.2`` stay bit-identical to the deadline).
  ``timeout == 0`` (callbacks are ready) does not move the clock.
* ``select(None)`` means nothing is ready and no timer is pending: every task
  waits for something no one will ever do.  That is a deadlock: stdout is
  flushed, ``Deadlock: ...`` goes to stderr and the exit status is 3.
* Timers with equal deadlines fire in the order they were scheduled: each
  ``TimerHandle`` carries a sequence number and the heap orders by
  ``(when, seq)`` (CPython compares ``when`` only, and ``heapq`` is not stable).
* Places where CPython iterates a ``set`` of tasks (so the order depends on
  object addresses) are made to use task creation order: the shutdown
  cancellation in ``asyncio.run`` (``runners._cancel_all_tasks``) and
  ``TaskGroup._abort`` (cancelling the siblings of a failed task).
* Stdout: with ``--stamp`` every line is prefixed with ``[%8.3f] `` holding the
  virtual time at which the line's first character was written.  A final
  partial line is printed too, with a newline added.
* Exit status: 0 success; 1 uncaught exception (CPython traceback on stderr,
  trimmed to start at the program's own frames); 2 the program does not
  compile (nothing runs; stderr's last line is ``FILE:LINE:COL: SyntaxError: MSG``,
  the format of ``interleave run``; ``FILE:LINE: ...`` when CPython gives no
  column); 3 deadlock; 124 the real-time
  safety limit (default 20 s, ``--timeout 0`` disables it) was hit.

The program runs as ``__main__`` (``runpy.run_path``), with its folder first
on ``sys.path``.  Cyclic garbage collection is disabled and ``PYTHONHASHSEED``
is pinned to 0 so that runs are reproducible.
"""

import os
import sys

# Pin the hash seed (set iteration order of str) before anything else runs.
if os.environ.get("PYTHONHASHSEED") != "0" or os.environ.get("TZ") != "UTC":
    env = dict(os.environ, PYTHONHASHSEED="0", TZ="UTC")
    os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.runners
import asyncio.taskgroups
import asyncio.tasks
import gc
import heapq
import io
import itertools
import runpy
import selectors
import signal
import subprocess
import time
import traceback
import weakref

ORACLE_PATH = os.path.abspath(__file__)
DEFAULT_TIMEOUT = 20.0
DEADLOCK_MESSAGE = "Deadlock: every task is waiting and nothing is scheduled"
EXIT_DEADLOCK = 3
EXIT_REAL_TIMEOUT = 124


# --------------------------------------------------------------------------
# The virtual clock
# --------------------------------------------------------------------------

class VirtualClock:
    """Seconds since the program started, advanced only by the oracle."""

    def __init__(self):
        self.now = 0.0

    def time(self):
        return self.now

    def time_ns(self):
        return int(self.now * 1_000_000_000)

    def sleep(self, secs):
        # time.sleep blocks the whole program: the clock moves, nothing runs.
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        self.now += secs


CLOCK = VirtualClock()


def install_clock():
    for name in ("time", "monotonic", "perf_counter"):
        setattr(time, name, CLOCK.time)
        setattr(time, name + "_ns", CLOCK.time_ns)
    time.sleep = CLOCK.sleep
    install_wall_dates()


def install_wall_dates():
    """The calendar functions that read the real clock when given no time read the
    virtual one; datetime's now()/today()/utcnow() too (through subclasses named as
    the originals, so reprs are unchanged); logging counts relativeCreated from 0."""
    import datetime
    import logging

    real = {n: getattr(time, n) for n in ("localtime", "gmtime", "ctime", "asctime", "strftime")}
    time.localtime = lambda secs=None: real["localtime"](CLOCK.now if secs is None else secs)
    time.gmtime = lambda secs=None: real["gmtime"](CLOCK.now if secs is None else secs)
    time.ctime = lambda secs=None: real["ctime"](CLOCK.now if secs is None else secs)
    time.asctime = lambda t=None: real["asctime"](time.localtime() if t is None else t)
    time.strftime = lambda fmt, t=None: real["strftime"](fmt, time.localtime() if t is None else t)

    class date(datetime.date):
        @classmethod
        def today(cls):
            return cls.fromtimestamp(CLOCK.now)

    class datetime_(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(CLOCK.now, tz)

        @classmethod
        def utcnow(cls):
            return cls.utcfromtimestamp(CLOCK.now)

        @classmethod
        def today(cls):
            return cls.fromtimestamp(CLOCK.now)

    # The C reprs print the type's name: keep CPython's.
    date.__name__ = date.__qualname__ = "datetime.date"
    datetime_.__name__ = datetime_.__qualname__ = "datetime.datetime"
    datetime.date = date
    datetime.datetime = datetime_
    logging._startTime = CLOCK.now


# --------------------------------------------------------------------------
# Stdout (stamped or plain)
# --------------------------------------------------------------------------

class StampedStdout(io.TextIOBase):
    """A text stream that prefixes each line with the virtual time at which
    its first character was written: ``[%8.3f] ``."""

    def __init__(self, out, stamp):
        self._out = out
        self._stamp = stamp
        self._line_time = None  # time of the current line's first char, None at line start
        self._line = []

    def writable(self):
        return True

    @property
    def encoding(self):
        return "utf-8"

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        if not self._stamp:
            self._out.write(s)
            return len(s)
        pos = 0
        n = len(s)
        while pos < n:
            if self._line_time is None:
                self._line_time = CLOCK.now
            nl = s.find("\n", pos)
            if nl < 0:
                self._line.append(s[pos:])
                break
            self._line.append(s[pos:nl])
            self._emit()
            pos = nl + 1
        return n

    def _emit(self):
        self._out.write("[%8.3f] %s\n" % (self._line_time, "".join(self._line)))
        self._line = []
        self._line_time = None

    def flush(self):
        self._out.flush()

    def finish(self):
        """Print a pending partial line (with a newline added) and flush."""
        if self._stamp and self._line_time is not None:
            self._emit()
        self._out.flush()


STDOUT = None  # the StampedStdout in use


def finish_output():
    if STDOUT is not None:
        STDOUT.finish()
    try:
        sys.stderr.flush()
    except Exception:
        pass


def hard_exit(code):
    """Exit now, without letting garbage collection or atexit print anything."""
    finish_output()
    os._exit(code)


# --------------------------------------------------------------------------
# The virtual event loop
# --------------------------------------------------------------------------

class SeqTimerHandle(asyncio.events.TimerHandle):
    """A TimerHandle ordered by (deadline, scheduling sequence)."""

    __slots__ = ("_seq",)
    _counter = itertools.count()

    def __init__(self, when, callback, args, loop, context=None):
        super().__init__(when, callback, args, loop, context)
        self._seq = next(SeqTimerHandle._counter)

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) < (other._when, other._seq)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) > (other._when, other._seq)
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) <= (other._when, other._seq)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SeqTimerHandle):
            return (self._when, self._seq) >= (other._when, other._seq)
        return NotImplemented

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return hash(self._seq)


class EpollSelector(selectors.BaseSelector):
    """A selector that never waits: waiting advances the virtual clock.

    Named as the selector CPython picks on Linux, because asyncio logs its class name
    ("Using selector: EpollSelector") at DEBUG when a loop is made."""

    def __init__(self):
        self._map = {}
        self.loop = None

    def register(self, fileobj, events, data=None):
        key = selectors.SelectorKey(fileobj, selectors._fileobj_to_fd(fileobj), events, data)
        self._map[key.fd] = key
        return key

    def unregister(self, fileobj):
        return self._map.pop(selectors._fileobj_to_fd(fileobj))

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    def get_key(self, fileobj):
        return self._map[selectors._fileobj_to_fd(fileobj)]

    def get_map(self):
        return self._map

    def close(self):
        self._map = {}

    def select(self, timeout=None):
        if timeout is None:
            # Nothing ready, no timer: every task waits forever.
            hard_deadlock()
        if timeout > 0:
            scheduled = self.loop._scheduled if self.loop is not None else None
            if scheduled:
                # Jump exactly to the earliest deadline.
                CLOCK.now = max(CLOCK.now, scheduled[0]._when)
            else:
                CLOCK.now += timeout
        return []


def hard_deadlock():
    finish_output()
    sys.stderr.write(DEADLOCK_MESSAGE + "\n")
    hard_exit(EXIT_DEADLOCK)


class VirtualEventLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        selector = EpollSelector()
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = 1e-9  # CPython's monotonic resolution on Linux
        self._task_seq = weakref.WeakKeyDictionary()
        self._task_counter = itertools.count()

    def time(self):
        return CLOCK.now

    def call_at(self, when, callback, *args, context=None):
        # Same as BaseEventLoop.call_at, but with a stable (when, seq) order.
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        timer = SeqTimerHandle(when, callback, args, self, context)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        self._task_seq[task] = next(self._task_counter)
        return task


def creation_order(loop, tasks):
    seq = getattr(loop, "_task_seq", {})
    return sorted(tasks, key=lambda t: seq.get(t, float("inf")))


class VirtualPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = VirtualEventLoop


def _cancel_all_tasks(loop):
    """runners._cancel_all_tasks, cancelling in task creation order."""
    to_cancel = creation_order(loop, asyncio.tasks.all_tasks(loop))
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    loop.run_until_complete(asyncio.tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


class _OrderedTaskSet:
    """The part of ``set`` TaskGroup uses, iterating in insertion order."""

    __slots__ = ("_d",)

    def __init__(self):
        self._d = {}

    def add(self, item):
        self._d[item] = None

    def discard(self, item):
        self._d.pop(item, None)

    def __contains__(self, item):
        return item in self._d

    def __iter__(self):
        return iter(list(self._d))

    def __len__(self):
        return len(self._d)

    def __bool__(self):
        return bool(self._d)


def install_asyncio():
    asyncio.set_event_loop_policy(VirtualPolicy())
    asyncio.runners._cancel_all_tasks = _cancel_all_tasks

    original_init = asyncio.taskgroups.TaskGroup.__init__

    def taskgroup_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._tasks = _OrderedTaskSet()

    asyncio.taskgroups.TaskGroup.__init__ = taskgroup_init


# --------------------------------------------------------------------------
# Running one program
# --------------------------------------------------------------------------

def on_real_timeout(signum, frame):
    finish_output()
    sys.stderr.write("Oracle: real-time limit exceeded (runaway program?)\n")
    hard_exit(EXIT_REAL_TIMEOUT)


def print_uncaught(exc, path):
    tb = exc.__traceback__
    # Drop the oracle's and runpy's frames: start at the program's first frame.
    t = tb
    while t is not None and os.path.abspath(t.tb_frame.f_code.co_filename) != path:
        t = t.tb_next
    # sys.excepthook is the interpreter's own display (PyErr_Display): unlike the
    # traceback module in 3.11, it adds "Did you mean" to AttributeError and NameError.
    sys.excepthook(type(exc), exc, t if t is not None else tb)


def compile_error(path):
    """`FILE:LINE:COL: Class: message` if CPython refuses to compile the program, else None.

    `compile()` gives the line and column; its message is the one `python3 FILE` prints,
    except where the file reader words it differently (NUL bytes), so the message and
    line of the file reader are taken when `compile()` has no line."""
    with open(path, "rb") as fh:
        source = fh.read()
    try:
        compile(source, path, "exec")
        return None
    except (SyntaxError, ValueError) as e:
        name = type(e).__name__
        msg = getattr(e, "msg", None) or str(e)
        line = getattr(e, "lineno", None)
        col = getattr(e, "offset", None)
    if line is None:
        # Ask the file reader itself; the program cannot run, so this runs nothing.
        proc = subprocess.run([sys.executable, path], capture_output=True, text=True)
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        name, _, msg = lines[-1].partition(": ")
        for ln in lines:
            if ln.strip().startswith("File ") and ", line " in ln:
                line = int(ln.rsplit(", line ", 1)[1].split(",")[0])
    where = f"{line}:{col}" if col and col > 0 else f"{line}"
    return f"{path}:{where}: {name}: {msg}"


def run_program(path, stamp, timeout):
    global STDOUT
    refused = compile_error(path)
    if refused is not None:
        sys.stderr.write(refused + "\n")
        hard_exit(2)
    abspath = os.path.abspath(path)
    real_stdout = sys.stdout
    STDOUT = StampedStdout(real_stdout, stamp)
    sys.stdout = STDOUT
    sys.argv = [path]
    sys.path[0] = os.path.dirname(abspath)
    gc.disable()
    if timeout and timeout > 0:
        signal.signal(signal.SIGALRM, on_real_timeout)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    install_clock()
    install_asyncio()
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            finish_output()
            sys.stderr.write(f"{e.code}\n")
            code = 1
    except BaseException as e:  # noqa: BLE001 - the program's uncaught exception
        finish_output()
        print_uncaught(e, abspath)
        code = 1
    hard_exit(code)


# --------------------------------------------------------------------------
# --write / --check: the scenario corpus
# --------------------------------------------------------------------------

def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(ORACLE_PATH)))


def scenario_dirs(args):
    if args:
        return [os.path.abspath(a) for a in args]
    base = os.path.join(repo_root(), "tests", "scenarios")
    return sorted(
        os.path.join(base, d) for d in os.listdir(base) if os.path.isdir(os.path.join(base, d))
    )


def run_scenario(directory, name, timeout=DEFAULT_TIMEOUT):
    """Run NAME.py in its folder with --stamp; return (stdout, status line)."""
    proc = subprocess.run(
        [sys.executable, ORACLE_PATH, "--stamp", "--timeout", str(timeout), name + ".py"],
        cwd=directory,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONHASHSEED="0"),
    )
    status = str(proc.returncode)
    if proc.returncode in (1, 2):
        lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
        status += " " + (lines[-1] if lines else "")
    return proc.stdout, status, proc.stderr


def corpus(args):
    for d in scenario_dirs(args):
        for f in sorted(os.listdir(d)):
            if f.endswith(".py"):
                yield d, f[:-3]


def write_expected(args):
    counts = {}
    problems = 0
    for d, name in corpus(args):
        out, status, err = run_scenario(d, name)
        with open(os.path.join(d, name + ".expected"), "w") as fh:
            fh.write(out)
        with open(os.path.join(d, name + ".status"), "w") as fh:
            fh.write(status + "\n")
        code = status.split(" ", 1)[0]
        key = os.path.basename(d)
        counts.setdefault(key, {}).setdefault(code, 0)
        counts[key][code] += 1
        note = ""
        if code not in ("0", "1", "2", "3"):
            problems += 1
            note = "   <-- unexpected status; stderr: " + err.strip().splitlines()[-1] if err.strip() else ""
        print(f"{os.path.basename(d)}/{name}: {status}{note}")
        guide = os.path.join(d, name + ".guide")
        if os.path.exists(guide):
            plain = subprocess.run(
                [sys.executable, ORACLE_PATH, name + ".py"], cwd=d, capture_output=True, text=True
            ).stdout
            with open(guide) as fh:
                if fh.read() != plain:
                    problems += 1
                    print(f"   <-- unstamped output differs from {name}.guide")
    for key, c in sorted(counts.items()):
        summary = ", ".join(f"exit {k}: {v}" for k, v in sorted(c.items()))
        print(f"{key}: {sum(c.values())} scenarios ({summary})")
    return 1 if problems else 0


def check_expected(args):
    failed = 0
    total = 0
    for d, name in corpus(args):
        total += 1
        out, status, _ = run_scenario(d, name)
        try:
            with open(os.path.join(d, name + ".expected")) as fh:
                exp_out = fh.read()
            with open(os.path.join(d, name + ".status")) as fh:
                exp_status = fh.read().rstrip("\n")
        except FileNotFoundError:
            exp_out, exp_status = None, None
        if out != exp_out or status != exp_status:
            failed += 1
            print(f"MISMATCH {os.path.basename(d)}/{name}")
    print(f"checked {total} scenarios, {failed} differ")
    return 1 if failed else 0


USAGE = """usage: cpython_oracle.py [--stamp] [--timeout SECONDS] FILE.py
       cpython_oracle.py --write [DIR...]
       cpython_oracle.py --check [DIR...]"""


def main(argv):
    if argv and argv[0] == "--write":
        return write_expected(argv[1:])
    if argv and argv[0] == "--check":
        return check_expected(argv[1:])
    stamp = False
    timeout = DEFAULT_TIMEOUT
    path = None
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--stamp":
            stamp = True
        elif a == "--timeout" and i + 1 < len(argv):
            i += 1
            timeout = float(argv[i])
        elif a in ("-h", "--help"):
            print(USAGE)
            return 0
        elif path is None and not a.startswith("--"):
            path = a
        else:
            sys.stderr.write(USAGE + "\n")
            return 2
        i += 1
    if path is None:
        sys.stderr.write(USAGE + "\n")
        return 2
    if not os.path.exists(path):
        sys.stderr.write(f"cpython_oracle.py: can't open file {path!r}\n")
        return 2
    run_program(path, stamp, timeout)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
