# The tutorial cache: WeakValueDictionary keeps each object only while someone uses it.
import weakref


class Image:
    def __init__(self, name):
        self.name = name
        print("loading", name)

    def __repr__(self):
        return f"<Image {self.name}>"


_cache = weakref.WeakValueDictionary()


def get_image(name):
    img = _cache.get(name)
    if img is None:
        img = Image(name)
        _cache[name] = img
    return img


a = get_image("cat.png")
b = get_image("cat.png")  # from the cache: no second load
print(a is b, len(_cache), list(_cache.keys()))
c = get_image("dog.png")
print(sorted(_cache), "cat.png" in _cache)
del a
print("one user left:", "cat.png" in _cache)
del b
print("no user left:", "cat.png" in _cache, sorted(_cache))
again = get_image("cat.png")  # loaded again
print(len(_cache), sorted(_cache.items(), key=lambda kv: kv[0]))
print(_cache["dog.png"] is c)
del c
try:
    _cache["dog.png"]
except KeyError as e:
    print("KeyError:", e)
print(_cache.pop("cat.png") is again, len(_cache))
print(_cache.setdefault("x", again) is again, _cache.get("y", "default"))
refs = _cache.valuerefs()
print(len(refs), refs[0]() is again)

# Iterating while entries die: removals wait until the iteration ends.
objs = {n: Image(n) for n in "pqr"}
d = weakref.WeakValueDictionary(objs)
seen = []
for k in d:
    seen.append(k)
    objs.pop(k)
print(seen, len(d), list(d))

# functools-style memo of objects: one instance per key while in use.
class Point:
    _instances = weakref.WeakValueDictionary()

    def __new__(cls, x, y):
        key = (x, y)
        self = cls._instances.get(key)
        if self is None:
            self = super().__new__(cls)
            self.x, self.y = x, y
            cls._instances[key] = self
        return self


p = Point(1, 2)
q = Point(1, 2)
print(p is q, len(Point._instances))
del p, q
print(len(Point._instances))
