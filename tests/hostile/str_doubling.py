# expect: exit 1, MemoryError
s = 'x'
while True:
    s += s
