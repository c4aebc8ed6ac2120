import asyncio, queue
from typing import Generic, TypeVar, List, Optional
T = TypeVar('T')

class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []
    def push(self, item: T) -> None:
        self.items.append(item)
    def pop(self) -> T:
        return self.items.pop()

s = Stack[int]()
s.push(1)
print(s.pop(), type(s).__name__, Stack[int])

class IntStack(Stack[int]):
    pass
print(IntStack.__mro__[1].__name__, IntStack.__orig_bases__)

class Box(Generic[T]):
    pass
class MyBox(Box[str], Stack[int]):
    pass

async def main():
    q: asyncio.Queue[int] = asyncio.Queue()
    await q.put(3)
    print(await q.get(), asyncio.Queue[int], asyncio.Future[str])

asyncio.run(main())
print(queue.Queue[int], [k.__name__ for k in MyBox.__mro__], isinstance(MyBox(), Box))
try:
    isinstance(1, Stack[int])
except TypeError as e:
    print(e)
