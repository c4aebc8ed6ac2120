# expect: exit 1, MemoryError or memory budget
def f(*a):
    pass
f(*range(10**9))
