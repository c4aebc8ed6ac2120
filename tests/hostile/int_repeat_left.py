# expect: exit 1, MemoryError
x = 2**40 * [1]
