# expect: exit 1, MemoryError
''.join(['xy'] * 10**8)
