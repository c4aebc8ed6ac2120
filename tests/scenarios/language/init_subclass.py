# __init_subclass__: the nearest base's hook runs for each new subclass (plugin registries).
class Plugin:
    registry = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Plugin.registry.append(cls.__name__)

class A(Plugin): pass
class B(Plugin): pass
class C(A): pass
print(Plugin.registry)

class Base:
    @classmethod
    def __init_subclass__(cls):
        print("subclass", cls.__name__)
class D(Base): pass
from enum import Enum
class Color(Enum):
    RED = 1
print(list(Color))
from dataclasses import dataclass
@dataclass
class P(Plugin):
    x: int = 0
print(P(), Plugin.registry)
