# expect: exit 1, MemoryError or memory budget
s = ' ' * (100 * 1024 * 1024)
x = s.split(' ')
