class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on the y axis at {y}"
        case Point(x, 0):
            return f"on the x axis at {x}"
        case Point(x, y) if x == y:
            return f"on the diagonal at {x}"
        case Point():
            return "somewhere else"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 7), "hello"]:
    print(where(p))

def describe(cmd):
    match cmd.split():
        case []:
            return "nothing"
        case ["go", direction]:
            return f"going {direction}"
        case ["drop", *objects]:
            return f"dropping {objects}"
        case ["quit" | "exit"]:
            return "bye"
        case [("north" | "south") as d, *_]:
            return f"heading {d}"
        case [first, *rest]:
            return f"unknown {first!r} with {len(rest)} more"

for c in ["", "go north", "drop sword shield", "quit", "exit", "south fast", "dance a jig"]:
    print(describe(c))

def config(c):
    match c:
        case {"type": "http", "port": int(port), **rest}:
            return f"http on {port}, extra {rest}"
        case {"type": "file", "path": str() as path}:
            return f"file {path}"
        case {"type": t}:
            return f"unknown type {t}"
        case {}:
            return "empty or untyped"
    return "not a dict"

for c in [{"type": "http", "port": 80, "tls": True}, {"type": "http", "port": "80"}, {"type": "file", "path": "/x"}, {"a": 1}, [1]]:
    print(config(c))

def literal(v):
    match v:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1 | 2:
            return "small"
        case -1:
            return "minus one"
        case 3.5:
            return "three and a half"
        case "a" | "b":
            return "letter"
        case (1, 2):
            return "pair 1 2"
        case (a, b, c):
            return f"triple {a} {b} {c}"
        case [int(), float()]:
            return "int then float"
        case str(s) | set(s):
            return f"text {s}"
        case float(f):
            return f"float {f}"
    return "other"

for v in [None, True, False, 1, 2, -1, 3.5, "a", "zz", (1, 2), [1, 2], (1, 2, 3), range(3), [1, 2.0], 9.25, {1}]:
    print(repr(v), literal(v))

class Color:
    RED = "red"
    GREEN = "green"

for c in ["red", "green", "blue"]:
    match c:
        case Color.RED:
            print("stop")
        case Color.GREEN:
            print("go")
        case other:
            print("unknown", other)

match 42:
    case x if x > 100:
        print("big")
print("x after failed guard:", x)
match (1, [2, 3]):
    case (a, [b, *c]) as whole:
        print(a, b, c, whole)
