# expect: exit 1, MemoryError
x = [0]
while True:
    x.extend(x)
