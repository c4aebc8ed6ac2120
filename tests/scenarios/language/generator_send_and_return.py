# A generator's yield is an expression: send() resumes it with a value; its return
# value travels in StopIteration.value. next(it, default) swallows the end.
def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x

acc = accumulate()
print(next(acc))
print(acc.send(5))
print(acc.send(10))
try:
    acc.send(None)
except StopIteration as e:
    print("returned", e.value, e.args)
print(next(acc, "exhausted"))
try:
    acc.send(1)
except StopIteration as e:
    print("still done", e.value)

g = accumulate()
try:
    g.send(3)
except TypeError as e:
    print(e)

def countdown(n):
    while n > 0:
        yield n
        n -= 1

print(list(countdown(3)), sum(countdown(4)), max(countdown(5)))
a, b, *rest = countdown(5)
print(a, b, rest)
print(sorted(countdown(3)), tuple(countdown(2)), set(countdown(2)) == {1, 2})
print(dict(zip("abc", countdown(3))), list(enumerate(countdown(2))))
print(3 in countdown(5), "-".join(str(i) for i in countdown(3)))
for i, v in enumerate(countdown(2)):
    print(i, v)
print(type(countdown(1)).__name__, countdown.__name__)
c = countdown(2)
print(iter(c) is c, next(c), c.__next__())
