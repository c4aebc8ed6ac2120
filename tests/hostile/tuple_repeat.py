# expect: exit 1, MemoryError
x = (1, 2) * 2**62
