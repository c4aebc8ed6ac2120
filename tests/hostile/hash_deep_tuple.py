# expect: exit 1, RecursionError: maximum recursion depth exceeded
# CPython's tuplehash recurses in C without a check and crashes; here it raises.
t = ()
for _ in range(300000):
    t = (t,)
print(hash(t))
