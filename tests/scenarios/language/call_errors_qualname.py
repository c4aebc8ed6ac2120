# Argument errors name the function by its qualified name, as CPython 3.10+ does.
class A:
    def m(self, x): pass
def outer():
    def inner(a): pass
    return inner
for f in (lambda: A().m(), lambda: A().m(1,2), lambda: outer()(), lambda: A().m(y=1), lambda: (lambda q: 0)(), lambda: A().m(1, x=2)):
    try: f()
    except TypeError as e: print(e)
