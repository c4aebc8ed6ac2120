# expect: exit 1, MemoryError
f'{1:>{2**62}}'
