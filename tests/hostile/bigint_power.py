# expect: exit 1, MemoryError
x = 2**(10**10)
