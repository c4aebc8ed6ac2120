# PEP 479: a StopIteration raised inside a generator becomes a RuntimeError, chained.
def first_items(iterators):
    for it in iterators:
        yield next(it)

try:
    print(list(first_items([iter([1]), iter([])])))
except RuntimeError as e:
    print(type(e).__name__, e)
    print("cause:", type(e.__cause__).__name__)

def returns_early():
    yield 1
    return
    yield 2
print(list(returns_early()))

def explicit():
    yield "a"
    raise StopIteration("done")

for x in explicit():
    print(x)
