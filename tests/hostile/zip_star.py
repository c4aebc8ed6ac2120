# expect: exit 1, MemoryError or memory budget
x = list(zip(*[[1]*10]*10**6))
