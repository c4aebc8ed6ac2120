# expect: exit 1, MemoryError or memory budget
x = [0]
while True:
    x.extend(x)
