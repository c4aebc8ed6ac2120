# Generator expressions are lazy: nothing runs until the consumer asks, and items are
# produced one at a time, interleaved with the loop that consumes them.
def source():
    for i in range(3):
        print("produce", i)
        yield i

squares = (print("square", n) or n * n for n in source())
print("created", type(squares).__name__)
for s in squares:
    print("consume", s)
print(list(squares))

# Only the first iterable is evaluated at once.
def noisy(label, items):
    print("evaluating", label)
    return items
gen = (x + y for x in noisy("outer", [1, 2]) for y in noisy("inner", [10]))
print("before iterating")
print(next(gen))
print(any(print("check", v) or v > 1 for v in [0, 1, 2, 3]))
print(sum(x for x in range(10) if x % 2), min((c for c in "hello"), default="?"))
lines = ["a", "b"]
numbered = (f"{i}:{l}" for i, l in enumerate(lines))
lines.append("c")
print(list(numbered))
