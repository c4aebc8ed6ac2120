# expect: exit 1, MemoryError or memory budget
s = set(range(10**9))
