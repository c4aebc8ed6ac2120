# class X(list), class X(dict), class X(set): overridden methods calling super(), dict's
# __missing__ (a Counter, a defaultdict written by hand), and the base type's behaviour.
class MyList(list):
    def append(self, x):
        print("append", x)
        super().append(x)


l = MyList([3, 1])
l.append(2)
print(l, repr(l), len(l), isinstance(l, list), l[0], sum(l), type(l).__name__, l == [3, 1, 2], [3, 1, 2] == l)
l += [4]
l[0] = 9
del l[1]
l.extend([0])
l.sort()
print(l, sorted(l), 9 in l, list(reversed(l)), l * 2, l[1:], type(l[1:]).__name__, type(l + [1]).__name__)
a, *rest = l
print(a, rest, *l, ", ".join(MyList(["x", "y"])), MyList(), MyList("ab"), l.pop(), l)


class Stack(list):
    def __init__(self, *items):
        list.__init__(self, items)
        self.pushes = 0

    def push(self, x):
        self.pushes += 1
        self.append(x)


s = Stack(1, 2)
s.push(3)
print(s, s.pushes, s.pop(), len(s), vars(s))


class Counter(dict):
    def __missing__(self, key):
        return 0


c = Counter()
for ch in "abracadabra":
    c[ch] = c[ch] + 1
print(c, c["z"], len(c), "z" in c, c.get("z"), sorted(c.items()), isinstance(c, dict))


class DefaultDict(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory

    def __missing__(self, key):
        value = self[key] = self.factory()
        return value


groups = DefaultDict(list, seed=[0])
for word in ["apple", "avocado", "banana"]:
    groups[word[0]].append(word)
print(groups, groups["seed"], list(groups), groups == {"seed": [0], "a": ["apple", "avocado"], "b": ["banana"]})


class Logged(dict):
    def __setitem__(self, key, value):
        print("set", key, value)
        dict.__setitem__(self, key, value)


d = Logged(a=1)
d["b"] = 2
d.update(c=3)


def f(a, b, c):
    return a + b + c


print(d, dict(d), {**d}, f(**d), d | {"z": 0}, type(d | {}).__name__, vars(d), Logged.fromkeys("xy", 0))


class Tags(set):
    def add(self, tag):
        super().add(tag.lower())


t = Tags(["a"])
t.add("B")
print(sorted(t), t == {"a", "b"}, "b" in t, len(t), Tags(), t | {"c"} == {"a", "b", "c"}, type(t | set()).__name__, isinstance(t, set))
print(repr(Tags([1])), Tags([2]))


class Frozen(frozenset):
    pass


fz = Frozen([1])
print(fz, Frozen(), hash(fz) == hash(frozenset([1])), {fz: "f"}[frozenset([1])], fz | {2})

# The types' methods called through the type: a subclass's instance, a plain value, and
# CPython's descriptor errors for anything else; comparisons name the subclass.
d = {}
dict.__setitem__(d, "k", 1)
print(d, dict.__getitem__(d, "k"), list.__len__([1, 2]), str.__repr__("s"), dict.__contains__(c, "a"))
for bad in [lambda: dict.__setitem__(5, 1, 2), lambda: list.__init__(), lambda: dict.__getitem__({}, 1),
            lambda: MyList([1]) < 5, lambda: Tags() <= [1], lambda: str.__repr__(5)]:
    try:
        bad()
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)
print(MyList([1]) == (1,), MyList([1]) < [2], Tags([1]) <= {1, 2}, Counter(a=1) == {"a": 1}, Counter() != {})
