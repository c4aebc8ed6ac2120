print("compiled; this line must not run")
def f(a):
    def g(b):
        nonlocal b
