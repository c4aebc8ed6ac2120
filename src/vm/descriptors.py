# Descriptors the attribute lookup in vm/attr.rs understands: property, staticmethod and
# classmethod, with CPython's behaviour for the common uses.


class property:
    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc

    def getter(self, fget):
        return property(fget, self.fset, self.fdel)

    def setter(self, fset):
        return property(self.fget, fset, self.fdel)

    def deleter(self, fdel):
        return property(self.fget, self.fset, fdel)


class staticmethod:
    def __init__(self, f):
        self.__func__ = f

    def __call__(self, *args, **kwargs):
        return self.__func__(*args, **kwargs)


class classmethod:
    def __init__(self, f):
        self.__func__ = f
