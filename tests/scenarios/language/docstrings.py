"""Module doc: functions, classes and modules keep their docstrings as __doc__, as in CPython."""
def f(x=lambda y=2: y * 2):
    """Docstring here."""
    return x()
class C:
    """Class doc."""
    def m(self):
        "method doc"
class D(C): pass
def g(): pass
print(__doc__, f.__doc__, C.__doc__, D.__doc__, g.__doc__, C.m.__doc__, f())
print(sorted(k for k in vars(D) if k.startswith('__')))
