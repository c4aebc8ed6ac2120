"""abc: abstract base classes, after CPython 3.11's Lib/abc.py and Lib/_py_abc.py.

`ABCMeta` computes `__abstractmethods__` when a class is made (its own abstract
methods, and those of its bases it does not override), and refuses to instantiate a
class that still has some, with CPython's message (`object_new` raises it there; here
`ABCMeta.__call__` does). Interleave's functions take no attributes, so
`abstractmethod` remembers the functions it marks instead of setting
`__isabstractmethod__` on them. `register()` records virtual subclasses but
`isinstance` does not consult them.
"""

__all__ = ['ABC', 'ABCMeta', 'abstractmethod', 'abstractclassmethod', 'abstractstaticmethod',
           'abstractproperty', 'get_cache_token', 'update_abstractmethods']

_abstract_functions = []


def abstractmethod(funcobj):
    """A decorator indicating abstract methods."""
    _abstract_functions.append(funcobj)
    return funcobj


def _is_abstract(value):
    if value is None:
        return False
    for f in _abstract_functions:
        if f is value:
            return True
    if isinstance(value, property):
        return _is_abstract(value.fget) or _is_abstract(value.fset) or _is_abstract(value.fdel)
    if isinstance(value, (classmethod, staticmethod)):
        return _is_abstract(value.__func__)
    return False


class abstractclassmethod(classmethod):
    def __init__(self, callable):
        abstractmethod(callable)
        super().__init__(callable)


class abstractstaticmethod(staticmethod):
    def __init__(self, callable):
        abstractmethod(callable)
        super().__init__(callable)


class abstractproperty(property):
    pass


def _class_attr(cls, name):
    # The raw attribute (a property or classmethod object, not what it gives).
    for k in cls.__mro__:
        d = k.__dict__
        if name in d:
            return d[name]
    return None


class ABCMeta(type):
    """Metaclass for defining Abstract Base Classes (ABCs)."""

    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace)
        abstracts = {name for name, value in namespace.items() if _is_abstract(value)}
        for base in bases:
            for name in getattr(base, "__abstractmethods__", set()):
                value = _class_attr(cls, name)
                if _is_abstract(value):
                    abstracts.add(name)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        return cls

    def __call__(cls, *args, **kwargs):
        abstracts = cls.__abstractmethods__
        if abstracts:
            names = sorted(abstracts)
            s = 's' if len(names) > 1 else ''
            raise TypeError("Can't instantiate abstract class %s with abstract method%s %s"
                            % (cls.__name__, s, ', '.join(names)))
        return super().__call__(*args, **kwargs)

    def register(cls, subclass):
        """Register a virtual subclass of an ABC (recorded only)."""
        cls._abc_registry.append(subclass)
        return subclass


class ABC(metaclass=ABCMeta):
    """Helper class that provides a standard way to create an ABC using inheritance."""
    __slots__ = ()


def get_cache_token():
    return 0


def update_abstractmethods(cls):
    if not hasattr(cls, '__abstractmethods__'):
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, '__abstractmethods__', ()):
            if _is_abstract(_class_attr(cls, name)):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if _is_abstract(value):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls
