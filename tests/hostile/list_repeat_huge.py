# expect: exit 1, MemoryError
[None] * 2**62
