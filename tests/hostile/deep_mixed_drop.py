# expect: exit 0, done
class N:
    pass
x = None
for _ in range(100000):
    n = N()
    n.next = x
    x = n
d = {}
for _ in range(300000):
    d = {1: d}
t = ()
for _ in range(300000):
    t = (t,)
del x, n, d, t
print("done")
