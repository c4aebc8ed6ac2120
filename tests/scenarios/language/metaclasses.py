class Meta(type):
    def __new__(mcls, name, bases, ns):
        print("Meta.__new__", mcls.__name__, name, [b.__name__ for b in bases], sorted(k for k in ns if not k.startswith('__')))
        cls = super().__new__(mcls, name, bases, ns)
        cls.registered = True
        return cls
    def __init__(cls, name, bases, ns):
        print("Meta.__init__", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *args, **kw):
        print("Meta.__call__", cls.__name__, args)
        return super().__call__(*args, **kw)
    def __iter__(cls):
        return iter([1, 2, 3])
    def __len__(cls):
        return 3
    def __getitem__(cls, k):
        return k * 2
    def __contains__(cls, k):
        return k == 'x'
    def __repr__(cls):
        return f"<meta {cls.__name__}>"
    @property
    def info(cls):
        return "info of " + cls.__name__
    def hello(cls):
        return "hello " + cls.__name__

class A(metaclass=Meta):
    x = 1
    def __init__(self, v):
        self.v = v
    def meth(self):
        pass

class B(A):
    y = 2

print(type(A).__name__, type(B) is Meta, isinstance(A, Meta), isinstance(A, type))
print(A.registered, B.registered)
b = B(5)
print(b.v, type(b).__name__)
print(list(A), len(A), A[4], 'x' in A, 'y' in B)
print(repr(A), A, [A])
print(A.info, B.hello())

class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]

class Config(metaclass=Singleton):
    def __init__(self):
        print("init Config")

c1 = Config(); c2 = Config()
print(c1 is c2)

class P:
    def __new__(cls, *args):
        print("P.__new__", cls.__name__, args)
        inst = super().__new__(cls)
        inst.made = True
        return inst
    def __init__(self, a):
        print("P.__init__", a)
p = P(3)
print(p.made)

class Q:
    def __new__(cls):
        return 42
print(Q())
X = type('X', (A,), {'z': 3})
print(X.z, X.x, type(X).__name__)
Y = type('Y', (), {'w': 1, 'f': lambda self: self.w + 1})
print(Y().f(), Y.__name__)
class M2(type): pass
try:
    class C(A, metaclass=M2): pass
except TypeError as e:
    print(e)

# A metaclass that counts the instances its classes make, and a plain function as
# metaclass (called with name, bases, namespace).
def upper_attrs(name, bases, ns):
    return type(name, bases, {k.upper() if not k.startswith('__') else k: v for k, v in ns.items()})

class Shouty(metaclass=upper_attrs):
    greeting = 'hi'
print(Shouty.GREETING, hasattr(Shouty, 'greeting'))

class Frozen(type):
    def __setattr__(cls, name, value):
        raise AttributeError(f"{cls.__name__} is frozen")
class Settings(metaclass=Frozen):
    debug = False
try:
    Settings.debug = True
except AttributeError as e:
    print(e)
print(Settings.debug)
