"""os: the parts a concurrency program asks of its machine: getpid() (the simulated
process's id, as `Process.pid` numbers it), cpu_count() (the run's simulated cores),
environ (empty: a run sees no host environment), getenv, sep and linesep.
"""

import _interleave

name = "posix"
sep = "/"
linesep = "\n"
environ = {}


def getpid():
    return _interleave.pid()


def getppid():
    # The parent process's id (the main process's parent, the shell, is 1 here).
    return _interleave.ppid()


def cpu_count():
    return _interleave.cpu_count()


def getenv(key, default=None):
    return environ.get(key, default)
