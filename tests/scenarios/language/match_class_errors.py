# Class patterns check their class and __match_args__ at run time, as CPython does.
class P:
    __match_args__ = ("x", "y")
    def __init__(self):
        self.x = 1
        self.y = 2

class Q:
    __match_args__ = ["x"]

class Lazy:
    @property
    def value(self):
        print("property read")
        return 7

def attempt(label, f):
    try:
        print(label, f())
    except TypeError as e:
        print(label, "TypeError:", e)

def not_a_type():
    match 1:
        case len():
            return "matched"

def too_many():
    match P():
        case P(1, 2, 3):
            return "matched"

def int_two():
    match 1:
        case int(1, 2):
            return "matched"

def list_args():
    match Q():
        case Q(1):
            return "matched"

def twice():
    match P():
        case P(1, x=1):
            return "matched"

def object_pos():
    match P():
        case object(1):
            return "matched"

def missing_attr():
    match P():
        case P(z=1):
            return "matched"
        case P(x=1, y=y):
            return f"fallback y={y}"

def property_attr():
    match Lazy():
        case Lazy(value=7):
            return "seven"

def len_patterns():
    class Bag:
        def __len__(self):
            return 2
        def __iter__(self):
            return iter([1, 2])
    match Bag():
        case [a, b]:
            return "a sequence?"
        case _:
            return "not a sequence"

for label, f in [("not a type", not_a_type), ("too many", too_many), ("int two", int_two),
                 ("list args", list_args), ("twice", twice), ("object pos", object_pos),
                 ("missing attr", missing_attr), ("property", property_attr), ("len", len_patterns)]:
    attempt(label, f)
