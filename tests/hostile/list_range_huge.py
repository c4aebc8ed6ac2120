# expect: exit 1, MemoryError or memory budget
x = list(range(10**10))
