# expect: exit 1, MemoryError or memory budget
x = [*range(10**9)]
