"""os: the parts a concurrency program asks of its machine: getpid() (the simulated
process's id, as `Process.pid` numbers it), cpu_count() (the run's simulated cores),
environ (empty: a run sees no host environment), getenv, sep, linesep, getppid and urandom.
"""

import _interleave

name = "posix"
sep = "/"
linesep = "\n"
environ = {}


def getpid():
    return _interleave.pid()


def urandom(size):
    """`size` random bytes, from the run's system generator (as `secrets`): they repeat
    from run to run and leave `random`'s sequence as CPython's."""
    import _random
    if not isinstance(size, int):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(size).__name__)
    if size < 0:
        raise ValueError('negative argument not allowed')
    return _random.system_getrandbits(8 * size).to_bytes(size, 'little') if size else b''


def getppid():
    # The parent process's id (the main process's parent, the shell, is 1 here).
    return _interleave.ppid()


def cpu_count():
    return _interleave.cpu_count()


def getenv(key, default=None):
    return environ.get(key, default)
