print("compiled; this line must not run")
def f(a, *, b, **a):
    pass
