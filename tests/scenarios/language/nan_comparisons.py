# Comparisons with NaN are plain False (and != is True): they are ordinary values,
# never errors, so sorting, min and max give CPython's order-dependent answers.
nan = float("nan")
print(nan < 1.0, nan <= 1.0, nan > 1.0, nan >= 1.0, nan == nan, nan != nan)
print(1 < nan, 10**30 > nan, nan == 1, [nan] < [1.0], (1, nan) < (1, 2.0), (1, nan) > (1, 2.0))
# The same object is equal to itself inside a list or tuple (identity comes first).
print((nan, 1) <= (nan, 2), [1.0, nan] >= [1.0, nan], [nan] == [nan], nan in [nan])

print(max([nan, 1.0]), max([1.0, nan]), min([nan, 1.0]), min([1.0, nan]))
print(max(3, nan, 5), min(3, nan, 1), max([2, nan, 7], key=lambda x: x))

for xs in ([3, nan, 1], [nan, 3, 1], [3, 1, nan, 2, 0], [5, 4, 3, nan, 1, 0], [2.5, nan, nan, -1, 7]):
    ys = list(xs)
    ys.sort()
    print(sorted(xs), ys, sorted(xs, reverse=True))
print(sorted([(1, nan), (0, 5), (1, 0.5)]))
print(sorted(["b", "a"], key=lambda s: nan))

try:
    print(max([nan, 1.0]) < 2)
    [1, 2] < [1, "x"]
except TypeError as e:
    print("TypeError:", e)
print("done")
