"""`atexit` (CPython's `Modules/atexitmodule.c`): functions run when the interpreter
exits, last registered first, after the non-daemon threads are joined. The runtime's exit
hook calls `_run_exitfuncs` when the program imported this module."""

import sys
import _interleave

_handlers = []


def register(func, *args, **kwargs):
    """Register func to be called with args at exit; returns func (a decorator, too)."""
    if not callable(func):
        raise TypeError('the first argument must be callable')
    _handlers.append((func, args, kwargs))
    return func


def unregister(func):
    """Forget every registration of func."""
    _handlers[:] = [h for h in _handlers if h[0] != func]


def _clear():
    _handlers.clear()


def _ncallbacks():
    return len(_handlers)


def _run_exitfuncs():
    # As `atexit_callfuncs`: last in, first out; an exception is reported and ignored.
    while _handlers:
        func, args, kwargs = _handlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            sys.stderr.write('Exception ignored in atexit callback: %r\n' % (func,))
            sys.stderr.write(_interleave.format_exception(e))
