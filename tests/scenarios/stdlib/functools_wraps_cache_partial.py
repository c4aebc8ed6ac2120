# functools: wraps copies the name, doc and __wrapped__; lru_cache evicts least recently
# used; cache, cached_property, cmp_to_key, partial; attributes set on functions.
import functools
def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return f(*a, **k)
    return wrapper
@deco
def hello():
    "doc of hello"
    return 1
print(hello.__name__, hello.__doc__, hello.__wrapped__.__name__)
def g(): pass
g.__name__ = "renamed"
g.__doc__ = "d"
print(g.__name__, g.__qualname__, g.__doc__)
p = functools.partial(int, base=2)
print(p("101"), p.func, p.args, p.keywords)
@functools.lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(2), sq(3), sq(2), sq(4), sq(3), sq.cache_info())
sq.cache_clear(); print(sq.cache_info(), sq.__name__, sq.__wrapped__(5))
@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(90), fib.cache_info())
class C:
    @functools.cached_property
    def heavy(self):
        print("once")
        return 42
c = C(); print(c.heavy, c.heavy)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
print(functools.partial(max, 1, key=abs))
def counted(f):
    @functools.wraps(f)
    def w(*a):
        w.calls += 1
        return f(*a)
    w.calls = 0
    return w
@counted
def add(a, b):
    return a + b
add(1, 2); add(3, 4)
print(add.calls, add.__name__, repr(add).split(" at ")[0])
