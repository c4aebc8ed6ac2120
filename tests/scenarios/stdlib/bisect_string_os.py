import bisect
import os
import string

scores = [33, 99, 77, 70, 89, 90, 100]
grades = "FDCBA"
breakpoints = [60, 70, 80, 90]
print([grades[bisect.bisect(breakpoints, s)] for s in scores])
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 0), bisect.bisect_left(a, 9))
bisect.insort(a, 5)
bisect.insort_left(a, 4)
print(a)
rows = [("a", 1), ("c", 3), ("d", 7)]
print(bisect.bisect_left(rows, 3, key=lambda r: r[1]))
bisect.insort(rows, ("b", 2), key=lambda r: r[1])
print(rows)
print(string.ascii_letters, string.digits, string.punctuation, string.hexdigits, repr(string.whitespace))
print(string.capwords("hello   wide world"), len(string.printable))
print(type(os.getpid()).__name__, os.cpu_count() >= 1, os.environ.get("NOPE", "unset"), os.getenv("NOPE"))
