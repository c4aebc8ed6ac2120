def describe(name, *args, sep=", ", **kwargs):
    parts = [name]
    parts.extend(str(a) for a in args)
    parts.extend(f"{k}={v}" for k, v in kwargs.items())
    return sep.join(parts)


def defaults(a, b=2, c=None):
    if c is None:
        c = []
    c.append(a + b)
    return c


def keyword_only(x, *, scale=1, offset=0):
    return x * scale + offset


print(describe("f"))
print(describe("f", 1, 2, 3))
print(describe("g", 1, flag=True, level=3))
print(describe("h", *[4, 5], sep=" | ", **{"k": "v"}))
print(defaults(1), defaults(1, 5), defaults(a=3, b=4, c=[0]))
print(keyword_only(3), keyword_only(3, scale=2), keyword_only(3, offset=1, scale=10))
square = lambda n: n * n
print([square(n) for n in range(5)])
apply = lambda f, *xs: [f(x) for x in xs]
print(apply(abs, -1, -2, 3))
print((lambda: "no args")(), (lambda a, b=1: a + b)(5))
