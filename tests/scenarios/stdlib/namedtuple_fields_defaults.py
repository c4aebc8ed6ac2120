from collections import namedtuple
P = namedtuple('Point', 'x y', defaults=[0])
p = P(1)
print(p, p.x, p.y, p[0], len(p), p == (1, 0), p == P(1, 0), list(p), 1 in p)
print(p._replace(y=5), P._make([3, 4]), p._asdict(), P._fields, P._field_defaults)
a, b = p
print(a, b, hash(p) == hash((1, 0)), p < P(2, 0), p + (3,), sorted([P(2, 1), P(1, 9)]))
for bad in [lambda: P(), lambda: P(1, 2, 3), lambda: P(1, x=2), lambda: P(1, z=3), lambda: p._replace(z=1), lambda: P._make([1]), lambda: setattr(p, 'x', 3)]:
    try:
        bad()
    except (TypeError, ValueError, AttributeError) as e:
        print(type(e).__name__, e)
Q = namedtuple('Q', ['a', 'b', 'c'])
try:
    Q()
except TypeError as e:
    print(e)
try:
    Q(1)
except TypeError as e:
    print(e)
print({P(1, 2): 'x'}[P(1, 2)], P.__name__, repr(Q(1, 'a', None)))
