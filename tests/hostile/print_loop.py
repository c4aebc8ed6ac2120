# expect: exit 1, MemoryError or memory budget
while True:
    print('x' * 100000)
