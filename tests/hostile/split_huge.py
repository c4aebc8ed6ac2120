# expect: exit 1, MemoryError
s = ' ' * (100 * 1024 * 1024)
x = s.split(' ')
