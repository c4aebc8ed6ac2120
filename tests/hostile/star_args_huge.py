# expect: exit 1, MemoryError
def f(*a):
    pass
f(*range(10**9))
