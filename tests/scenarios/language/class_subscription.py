# Subscribing a class: typing generics and __class_getitem__ work; a plain class of the
# program raises "type ... is not subscriptable".
from typing import Generic, TypeVar, List
T = TypeVar("T")
class Stack(Generic[T]):
    def __init__(self):
        self.items: List[T] = []
s: Stack[int] = Stack[int]()
print(type(s).__name__)
class Q: pass
try:
    Q[1]
except TypeError as e:
    print(e)
class W:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(W[3])
class W2:
    @classmethod
    def __class_getitem__(cls, item):
        return (cls.__name__, item)
print(W2["x"])
