# expect: exit 1, RecursionError: maximum recursion depth exceeded in comparison
a = []
b = []
for _ in range(300000):
    a = [a]
    b = [b]
print(a == b)
