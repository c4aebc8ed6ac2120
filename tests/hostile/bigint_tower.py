# expect: exit 1, MemoryError
x = 10**10**10
