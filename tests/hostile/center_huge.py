# expect: exit 1, MemoryError
'x'.center(2**62)
