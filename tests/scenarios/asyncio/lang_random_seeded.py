# random with a seed draws CPython's exact numbers; math basics.
import random
import math
from collections import deque, namedtuple
from functools import partial, reduce

random.seed(42)
print(random.random(), random.randint(1, 10), round(random.uniform(0.1, 0.5), 6))
print(random.choice(["tea", "coffee", "water"]), random.randrange(0, 100, 5))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.sample(range(100), 5), random.choices("abc", k=4))
random.seed(12345678901234567890)
print(random.random(), random.getrandbits(70))
print(math.sqrt(16), math.floor(2.7), math.ceil(2.1), math.isqrt(99), math.gcd(12, 18), math.factorial(25))
print(round(math.pi, 5), math.log(8, 2), math.isclose(0.1 + 0.2, 0.3))
d = deque([1, 2, 3], maxlen=3)
d.append(4)
d.appendleft(0)
print(d, d.popleft(), len(d))
Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x + p.y, list(p))
add3 = partial(lambda a, b, c: a + b + c, 1, 2)
print(add3(3), reduce(lambda a, b: a * b, [1, 2, 3, 4]))
