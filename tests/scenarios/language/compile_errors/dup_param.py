print("compiled; this line must not run")
print("side effect")
def f(a, b, a):
    pass
