"""traceback: print_exc, format_exc, print_exception, format_exception and
format_exception_only, as CPython 3.11's Lib/traceback.py renders them. Tracebacks are
not objects here: an exception carries its own frames, so the `tb` arguments are
accepted and ignored.
"""

import sys
import _interleave


def _exception(exc, value):
    # CPython 3.10+: format_exception(exc) or format_exception(type, value, tb).
    if value is None and isinstance(exc, BaseException):
        return exc
    return value


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    text = _interleave.format_exception(value)
    return [line + "\n" for line in text.split("\n")[:-1]]


def format_exception_only(exc, value=None):
    value = _exception(exc, value)
    if value is None:
        return ["NoneType: None\n"]
    return [format_exception(value)[-1]]


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if file is None:
        file = sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        file.write(line)


def format_exc(limit=None, chain=True):
    return "".join(format_exception(*sys.exc_info(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    print_exception(*sys.exc_info(), limit=limit, file=file, chain=chain)
