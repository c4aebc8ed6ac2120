# expect: exit 1, MemoryError or memory budget
d = dict.fromkeys(range(10**9))
