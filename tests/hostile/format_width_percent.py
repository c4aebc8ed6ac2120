# expect: exit 1, MemoryError
'%*d' % (2**62, 1)
