# A built-in type's method taken from the class needs a first argument of that type
# (found by the fuzzer: `WeakValueDictionary(dict)` calls `dict.items()` with nothing).
import weakref

l, d, s = [], {"a": 1}, {1}
list.append(l, 5)
set.add(s, 2)
print(str.upper("ab"), l, dict.get(d, "a"), sorted(s), list(dict.keys(d)))
print(sorted(map(str.strip, [" x ", "y "])))
for f in [lambda: dict.keys(), lambda: list.append(), lambda: str.upper(),
          lambda: dict.keys(5), lambda: set.add(), lambda: str.upper(1), lambda: list.append((), 1)]:
    try:
        f()
    except TypeError as e:
        print("TypeError:", e)
try:
    weakref.WeakValueDictionary(dict)
except TypeError as e:
    print("TypeError:", e)
