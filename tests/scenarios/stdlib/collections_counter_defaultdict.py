# collections.Counter, defaultdict and OrderedDict (Interleave keeps a dict inside each:
# dict cannot be subclassed here), and __delitem__ for del obj[key].
from collections import defaultdict, Counter, OrderedDict
words = "the quick brown fox jumps over the lazy dog the end".split()
c = Counter(words)
print(c.most_common(2), c['the'], c['missing'], len(c), 'fox' in c, c.total())
print(Counter('abracadabra'))
print(Counter('abracadabra').most_common(3), sorted(Counter('aab').elements()))
c2 = Counter(a=3, b=1)
c3 = Counter(a=1, b=2)
print(c2 + c3, c2 - c3, c2 | c3, c2 & c3, Counter())
c2.update(['a', 'c']); c2.subtract({'b': 5}); print(c2)
d = defaultdict(list)
for w in words:
    d[len(w)].append(w)
print(sorted(d.items()), d[99], len(d))
print(defaultdict(int, {'x': 1}), repr(defaultdict(None)))
counts = defaultdict(int)
for ch in "hello":
    counts[ch] += 1
print(dict(counts), counts == {'h': 1, 'e': 1, 'l': 2, 'o': 1}, isinstance(counts, dict))
try:
    defaultdict(None)['k']
except KeyError as e:
    print("KeyError", e)
o = OrderedDict()
o['b'] = 1; o['a'] = 2; o['c'] = 3
o.move_to_end('b'); print(o, list(o), o.popitem(), o.popitem(last=False), o)
print(OrderedDict([('x', 1)]) == {'x': 1}, OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict())
merged = {**dict(c3)}
print(merged, sorted(c3.items()), list(c3.keys()), list(c3.values()))
del c3['a']; del c3['zzz']; print(c3, c3.get('b'), c3.pop('b'), c3)
