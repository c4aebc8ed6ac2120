# expect: exit 1, MemoryError or memory budget
# Many small objects, none large enough for a builtin to refuse: only the periodic check of
# the counting allocator's figure stops it.
x = []
i = 0
while True:
    x.append([i] * 20)
    i += 1
