x = 1
print('x' in globals(), sorted(k for k in locals() if not k.startswith('__')))
def f(a, *args, **kw):
    b = 2
    def inner():
        return a
    print(sorted(locals()), sorted(dir()), locals()['b'], vars()['a'], 'x' in globals(), 'b' in globals())
    c = 3
    return inner
f(1, 2, k=3)
class C:
    y = 5
    print(sorted(k for k in locals() if not k.startswith('__')), dir()[-1])
def g():
    out = 1
    def h():
        print(locals())
        return out
    return h
g()()
print("{x}".format(**globals()), "%(x)s" % locals())
lam = lambda q: sorted(locals())
print(lam(1), [sorted(locals()) for _ in range(1)])
