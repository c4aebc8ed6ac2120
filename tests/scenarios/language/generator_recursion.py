# Recursive generators delegate with yield from as deep as CPython allows; runaway
# recursion through generators raises RecursionError instead of crashing.
def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
print(sum(tree(300)))
def bad():
    yield from list(bad())
try:
    next(bad())
except RecursionError as e:
    print("RecursionError", e)
def inf():
    yield from inf()
try:
    next(inf())
except RecursionError as e:
    print("RecursionError", e)
def forever():
    for x in forever():
        yield x
try:
    for x in forever(): pass
except RecursionError as e:
    print("RecursionError", e)
