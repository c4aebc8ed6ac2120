def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n % 2 == 0:
        return "even"
    else:
        return "odd"


print([classify(n) for n in (-3, 0, 4, 7)])
i = 0
while True:
    i += 1
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd i", i)
for ch in "hey":
    pass
print("last ch", ch)
for key in {"x": 1, "y": 2}:
    print("key", key)
for v in {"x": 1, "y": 2}.values():
    print("value", v)
for a, b in [(1, "one"), (2, "two")]:
    print(a, b)
for n in range(10, 0, -3):
    print("countdown", n)
for idx, (k, v) in enumerate(sorted({"b": 2, "a": 1}.items())):
    print(idx, k, v)
n = 5
fact = 1
while n > 1:
    fact *= n
    n -= 1
print("5! =", fact)
print("nested:", [[j for j in range(i)] for i in range(4)])
