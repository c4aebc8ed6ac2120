# expect: exit 1, MemoryError
[0] * 10**10
