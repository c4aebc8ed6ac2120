# Run-time checks CPython makes on containers and protocols.
d = {"a": 1, "b": 2, "c": 3}
try:
    for k in d:
        if k == "a":
            del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)
print(d)

d2 = {1: 1}
try:
    for k in d2:
        d2[k + 1] = k
except RuntimeError as e:
    print("RuntimeError:", e)
print(len(d2))

# Changing a value (not the size) is allowed.
d3 = {"x": 1, "y": 2}
for k in d3:
    d3[k] *= 10
print(d3)

s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print("RuntimeError:", e)

items = [3, 1, 2]
def key(x):
    items.append(x)
    return x
try:
    items.sort(key=key)
except ValueError as e:
    print("ValueError:", e)
print(items)

class Bad:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n

for v in [3, -1, "two", True, 2 ** 70]:
    try:
        print(len(Bad(v)))
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__ + ":", e)

a = [1]
a.append(a)
print(a, repr(a), str(a))
b = {"self": None}
b["self"] = b
print(b)
c = [b, [a]]
print(c)
t = (a, b)
print(t)
