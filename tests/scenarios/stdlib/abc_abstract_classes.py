# abc: ABCMeta and ABC refuse to instantiate a class with abstract methods left.
from abc import ABC, ABCMeta, abstractmethod

class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def describe(self):
        return f"{type(self).__name__} with area {self.area()}"

class Square(Shape):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2

class RealSquare(Square):
    def perimeter(self):
        return 4 * self.s

for cls in (Shape, Square):
    try:
        cls(2) if cls is Square else cls()
    except TypeError as e:
        print("TypeError:", e)
sq = RealSquare(3)
print(sq.describe(), sq.perimeter(), isinstance(sq, Shape), sorted(Shape.__abstractmethods__), Square.__abstractmethods__, RealSquare.__abstractmethods__)

class Base(metaclass=ABCMeta):
    @property
    @abstractmethod
    def name(self):
        pass
    @classmethod
    @abstractmethod
    def make(cls):
        pass

class Impl(Base):
    @property
    def name(self):
        return "impl"
    @classmethod
    def make(cls):
        return cls()
try:
    Base()
except TypeError as e:
    print("TypeError:", e)
print(Impl.make().name, type(Base).__name__, isinstance(Impl(), Base))

from dataclasses import dataclass


class Job(ABC):
    @abstractmethod
    async def run(self):
        ...


@dataclass
class Echo(Job):
    text: str

    async def run(self):
        return self.text


import asyncio
print(asyncio.run(Echo("hi").run()), Echo("x"))
