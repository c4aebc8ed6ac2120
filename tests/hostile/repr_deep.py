# expect: exit 1, RecursionError: maximum recursion depth exceeded while getting the repr of an object
a = []
for _ in range(300000):
    a = [a]
print(len(repr(a)))
