# Module and class annotations are evaluated, so a lambda or a comprehension in one
# needs its own scope (found by the fuzzer: `attem:t(..., lambda: ...)` was an annotation).
x: (lambda: 1)
print(__annotations__["x"]())


class A:
    y: [i * i for i in range(3)]
    z: {k: str(k) for k in "ab"}


print(A.__annotations__)


def f():
    w: (lambda: never_evaluated) = 3
    return w


print(f())
t: print("annotation printed")
