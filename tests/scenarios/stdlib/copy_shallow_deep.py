# copy.copy shares the parts, copy.deepcopy copies them (keeping shared parts shared and
# cycles intact); __copy__/__deepcopy__ take over when a class defines them.
import copy
from dataclasses import dataclass, field
from enum import Enum


grid = [[0, 0], [0, 0]]
shallow = copy.copy(grid)
deep = copy.deepcopy(grid)
grid[0][0] = 9
print(shallow, deep, shallow is grid, shallow[0] is grid[0], deep[0] is grid[0])

config = {"name": "svc", "ports": [80, 443], "meta": {"tags": {"a", "b"}}}
c2 = copy.deepcopy(config)
c2["ports"].append(8080)
c2["meta"]["tags"].add("c")
print(config["ports"], sorted(config["meta"]["tags"]), c2["ports"], sorted(c2["meta"]["tags"]))

shared = [1, 2]
pair = [shared, shared]
p2 = copy.deepcopy(pair)
print(p2[0] is p2[1], p2[0] is shared)
loop = [1]
loop.append(loop)
l2 = copy.deepcopy(loop)
print(l2[1] is l2, l2 is loop)
t = (1, "a", None)
print(copy.deepcopy(t) is t, copy.copy(t) is t, copy.deepcopy((1, [2]))[1] is not None)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
        self.history = [(x, y)]

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.history})"


p = Point(1, 2)
q = copy.copy(p)
r = copy.deepcopy(p)
p.history.append((3, 4))
p.x = 10
print(p, q, r, type(r).__name__, q.history is p.history, r.history is p.history)


class Tracked:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("__copy__ called")
        return Tracked(self.v)

    def __deepcopy__(self, memo):
        print("__deepcopy__ called")
        return Tracked(copy.deepcopy(self.v, memo))


t1 = Tracked([1])
t2 = copy.copy(t1)
t3 = copy.deepcopy(t1)
print(t2.v is t1.v, t3.v is t1.v, t3.v)


@dataclass
class Job:
    name: str
    steps: list = field(default_factory=list)


class Color(Enum):
    RED = 1


j = Job("build", ["fetch"])
j2 = copy.deepcopy(j)
j2.steps.append("compile")
print(j, j2, j == copy.copy(j))
print(copy.deepcopy(Color.RED) is Color.RED, copy.copy(Color.RED) is Color.RED, copy.deepcopy([len, print])[0] is len)
