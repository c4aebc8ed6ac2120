"""copy (CPython 3.11's `Lib/copy.py`, its rules without `copyreg`'s reduce protocol):
`copy` makes a shallow copy, `deepcopy` a deep one with a memo (shared parts stay shared,
cycles are kept). Instances copy their attributes (or use `__copy__`/`__deepcopy__`);
immutable atoms, functions, classes and modules are returned as they are."""

import _interleave

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error

_ATOMIC = (type(None), int, float, bool, str, type, range,
           type(len), type(lambda: 0), type(Ellipsis), type(NotImplemented))


def _is_atomic(x):
    if isinstance(x, _ATOMIC):
        return True
    t = type(x)
    return t.__name__ in ("module", "method", "builtin_function_or_method", "property", "weakref")


def _new_like(x):
    cls = type(x)
    y = object.__new__(cls)
    return y


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if _is_atomic(x) or cls is tuple or cls is frozenset:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    y = _new_like(x)
    for k, v in x.__dict__.items():
        _interleave.set_instance_attr(y, k, v)
    return y


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if _is_atomic(x):
        return x
    if cls is list:
        y = []
        memo[d] = y
        for a in x:
            y.append(deepcopy(a, memo))
    elif cls is tuple:
        items = [deepcopy(a, memo) for a in x]
        # A tuple of atoms is its own copy (CPython's `_deepcopy_tuple`).
        if d in memo:
            return memo[d]
        y = x if all(a is b for a, b in zip(x, items)) else tuple(items)
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    elif cls is frozenset:
        y = frozenset(deepcopy(a, memo) for a in x)
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None:
            y = copier(memo)
        else:
            y = _new_like(x)
            memo[d] = y
            for k, v in x.__dict__.items():
                _interleave.set_instance_attr(y, k, deepcopy(v, memo))
    # Keep the original alive while the memo refers to it by id (`_keep_alive`).
    if y is not x:
        memo[d] = y
        memo.setdefault(id(memo), []).append(x)
    return y
