# yield from delegates: values pass through, send() reaches the inner generator, and
# the inner return value is the value of the yield from expression.
def inner(tag):
    got = yield f"{tag}-1"
    print("inner got", got)
    got = yield f"{tag}-2"
    print("inner got", got)
    return f"{tag} done"

def outer():
    r1 = yield from inner("a")
    print("r1 =", r1)
    r2 = yield from inner("b")
    print("r2 =", r2)
    yield from range(2)
    yield from "xy"
    return "all done"

g = outer()
print(next(g))
print(g.send("s1"))
print(g.send("s2"))
print(list(g))

def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))

# throw() and close() go to the generator being delegated to.
def worker():
    try:
        while True:
            try:
                yield "working"
            except ValueError as e:
                print("worker handled", e)
    finally:
        print("worker closed")

def manager():
    result = yield from worker()
    print("never", result)

m = manager()
print(next(m))
print(m.throw(ValueError("bad input")))
m.close()

def finisher():
    try:
        yield 1
    except KeyError:
        return "recovered"

def wrap():
    r = yield from finisher()
    print("wrap got", r)
    yield "after"

w = wrap()
next(w)
print(w.throw(KeyError("k")))
