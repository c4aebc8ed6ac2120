a = frozenset([1, 2, 3, 3])
b = frozenset("abc")
print(a, frozenset(), repr(frozenset({1})), type(a), type(a).__name__, len(a), 2 in a, 5 not in a)
print(sorted(a), sorted(b), a == {1, 2, 3}, {1, 2, 3} == a, a == frozenset({3, 2, 1}))
print(sorted(a | {4}), a & {1, 9}, sorted(a - {1}), sorted(a ^ {1, 7}), type(a | {4}).__name__, type({4} | a).__name__)
print(sorted(a.union([5])), sorted(a.intersection({2, 3})), a.difference([3]), a.issubset({1, 2, 3, 4}), a.issuperset([1]), a.isdisjoint({8}))
print(sorted(a.symmetric_difference({1, 9})), a.copy() is a, frozenset(a) is a)
d = {frozenset({1, 2}): "one-two", frozenset(): "empty"}
print(d[frozenset([2, 1])], d[frozenset()], hash(frozenset({1, 2})) == hash(frozenset({2, 1})))
s = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(s), frozenset({1}) in s)
graph = {frozenset(("a", "b")): 3, frozenset(("b", "c")): 5}
print(graph[frozenset(("b", "a"))], sorted(sorted(e) for e in graph))
try:
    a.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
try:
    frozenset([[1]])
except TypeError as e:
    print("TypeError:", e)
print(isinstance(a, frozenset), isinstance(a, set), bool(frozenset()), list(frozenset([7])))
print(frozenset({1, 2}) | frozenset({3}), {frozenset({1}): 1} == {frozenset({1}): 1})
