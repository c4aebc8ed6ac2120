# IntEnum and StrEnum members are ints and strs: as dict keys and set members they
# are the same key as their plain value, both ways round, as in CPython.
from enum import IntEnum, IntFlag, StrEnum


class Color(IntEnum):
    RED = 1
    GREEN = 2


class Mode(StrEnum):
    READ = "r"
    WRITE = "w"


class Perm(IntFlag):
    R = 4
    W = 2


names = {Color.RED: "red", Mode.READ: "read", Perm.R: "r"}
print(names[1], names["r"], names[4], 1 in names, 2 in names, names.get(Color.GREEN))
print({1: "one"}[Color.RED], {"w": "write"}[Mode.WRITE], {2: "w"}[Perm.W])
members = {Color.RED, Color.GREEN}
print(1 in members, 3 in members, {1, 2} == members, members == {1, 2})
d = {1: "int"}
d[Color.RED] = "enum"
print(d, len(d))
counts = {}
for c in [Color.RED, 1, Color.GREEN, 2, 1]:
    counts[c] = counts.get(c, 0) + 1
print(len(counts), sorted(counts.values()))
print(sorted({Mode.READ: 1, "w": 2}), {"r", Mode.READ} == {"r"})
