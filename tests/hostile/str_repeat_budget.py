# expect: exit 1, MemoryError
x = 'a' * 10**9
