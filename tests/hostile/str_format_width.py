# expect: exit 1, MemoryError
x = '{:>{}}'.format(1, 2**62)
