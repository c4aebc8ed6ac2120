"""`gc`: the cycle collector. Objects here die when their last reference goes, as
CPython's reference counting frees them; what only a reference cycle keeps alive waits
for `collect()` (or the end of the run: there is no automatic collection by thresholds)."""

import _interleave

_enabled = True


def collect(generation=2):
    """Free the unreachable reference cycles; the number of objects freed (CPython counts
    its own way, so the number may differ)."""
    return _interleave.gc_collect()


def enable():
    global _enabled
    _enabled = True


def disable():
    global _enabled
    _enabled = False


def isenabled():
    return _enabled
