# expect: exit 1, MemoryError
print(' ' * 10**8)
print(' ' * 10**8)
print(' ' * 10**8)
