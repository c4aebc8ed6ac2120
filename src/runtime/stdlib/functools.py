"""functools: partial, reduce and wraps, small pure-Python versions of CPython 3.11's
Lib/functools.py, as learners' programs use them.
"""


def partial(func, *args, **keywords):
    def call(*more, **more_keywords):
        kw = dict(keywords)
        kw.update(more_keywords)
        return func(*args, *more, **kw)
    return call


_missing = object()


def reduce(function, iterable, initial=_missing):
    it = iter(iterable)
    if initial is _missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value")
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


def wraps(wrapped):
    def decorate(wrapper):
        return wrapper
    return decorate
