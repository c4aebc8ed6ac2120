# expect: exit 1, RecursionError: maximum recursion depth exceeded
t = ()
for _ in range(300000):
    t = (t,)
d = {t: 1}
print(len(d))
