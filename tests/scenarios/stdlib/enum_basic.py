from enum import Enum, IntEnum, Flag, IntFlag, auto, unique

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED)
print(repr(Color.RED))
print(str(Color.GREEN), f"{Color.BLUE}", "%s" % Color.RED)
print(Color.RED.name, Color.RED.value)
print(list(Color))
print(len(Color), Color(2), Color['BLUE'])
print(Color.RED is Color(1), Color.RED == Color.RED, Color.RED == 1, Color.RED != Color.GREEN)
print(type(Color.RED), isinstance(Color.RED, Color), repr(Color))
print(Color.RED in Color)
d = {Color.RED: 'stop', Color.GREEN: 'go'}
print(d[Color.GREEN], Color.__members__)
print([c.name for c in Color], Color.RED.__class__.__name__)
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color['PINK']
except KeyError as e:
    print("KeyError:", e)

class Shape(Enum):
    SQUARE = 2
    DIAMOND = 1
    CIRCLE = 3
    ALIAS_FOR_SQUARE = 2
print(Shape.ALIAS_FOR_SQUARE, Shape(2), list(Shape), list(Shape.__members__))

try:
    @unique
    class Mistake(Enum):
        ONE = 1
        TWO = 2
        THREE = 3
        FOUR = 3
except ValueError as e:
    print("ValueError:", e)

class Ord(Enum):
    FIRST = auto()
    SECOND = auto()
    THIRD = auto()
print([(m.name, m.value) for m in Ord])

class Name(Enum):
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()
    NORTH = auto()
    SOUTH = auto()
print(list(Name), Name.NORTH.value)

class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        G = 6.67300E-11
        return G * self.mass / (self.radius * self.radius)
print(Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 2))

class Mood(Enum):
    FUNKY = 1
    HAPPY = 3
    def describe(self):
        return self.name, self.value
    def __str__(self):
        return 'my custom str! {0}'.format(self.value)
    @classmethod
    def favorite_mood(cls):
        return cls.HAPPY
print(Mood.favorite_mood(), Mood.HAPPY.describe(), str(Mood.FUNKY))

class Priority(IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
print(Priority.HIGH, repr(Priority.HIGH), str(Priority.LOW), f"{Priority.MEDIUM}")
print(Priority.HIGH > Priority.LOW, Priority.LOW == 1, Priority.HIGH + 1, Priority(2), sorted([Priority.HIGH, Priority.LOW]))
print(Priority.LOW < 2, int(Priority.HIGH), [0, 10, 20, 30][Priority.HIGH], {1: 'one'}[Priority.LOW])
print(isinstance(Priority.LOW, int), Priority.MEDIUM * 10, max(Priority), Priority.HIGH.value)

class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), list(Perm))
print(Perm(6), Perm.R.value, rw.value)

class Color2(Flag):
    RED = auto()
    GREEN = auto()
    BLUE = auto()
print([c.value for c in Color2], Color2.RED | Color2.BLUE)

class P2(IntFlag):
    R = 4
    W = 2
    X = 1
print(P2.R | P2.W, repr(P2.R | P2.X), P2.R + 1, P2.R == 4)

class Status(str, Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
print(Status.ACTIVE.value, Status("active"))

try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError:", e)
print(Color.RED.value)
print(hash(Color.RED) == hash(Color.RED), sorted(Color, key=lambda c: c.value, reverse=True))
