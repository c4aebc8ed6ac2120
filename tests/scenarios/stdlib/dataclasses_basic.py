import asyncio
from dataclasses import dataclass, field, asdict, astuple, fields, replace, FrozenInstanceError
from typing import List, ClassVar


@dataclass
class Job:
    name: str
    priority: int = 0
    tags: List[str] = field(default_factory=list)
    secret: str = field(default="x", repr=False)
    count: ClassVar[int] = 0


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def dist(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5


@dataclass
class Labeled(Version):
    label: str = "?"

    def __post_init__(self):
        self.label = self.label.upper()


@dataclass(eq=False)
class Node:
    value: int


@dataclass
class Result:
    job: Job
    took: float
    points: List[Point] = field(default_factory=list)


async def run(job: Job) -> Result:
    await asyncio.sleep(job.priority / 10)
    return Result(job, job.priority / 10, [Point(1, 2)])


async def main():
    jobs = [Job("a", 3), Job("b", 1, ["io"]), Job(name="c")]
    print(jobs)
    results = await asyncio.gather(*(run(j) for j in jobs))
    for r in results:
        print(r)
    print(asdict(results[1]))
    print(astuple(Version(1, 2)))
    print(sorted([Version(2), Version(1, 5), Version(1)]), Version(1) < Version(1, 1), Version(3) == Version(3, 0))
    p = Point(3, 4)
    print(p, p.dist(), p == Point(3, 4))
    try:
        p.x = 5
    except FrozenInstanceError as e:
        print("FrozenInstanceError:", e)
    print(Labeled(1, 2, "here"), replace(p, y=0))
    print([f.name for f in fields(Job)], Job.count, Job("z").tags is not Job("z").tags)
    print(Node(1) == Node(1), Job("a") == Job("a"), Job("a") != Job("b"))
    for bad in [lambda: Job(), lambda: Version(1, 2, 3), lambda: Job("a", nope=1), lambda: Version()]:
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
    try:
        @dataclass
        class Thaw(Point):
            z: int = 0
    except TypeError as e:
        print("TypeError:", e)
    try:
        @dataclass
        class Bad:
            items: list = []
    except ValueError as e:
        print("ValueError:", e)

asyncio.run(main())
