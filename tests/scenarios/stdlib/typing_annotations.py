import asyncio
from typing import (Any, Awaitable, AsyncIterator, Callable, Coroutine, Dict, Generic, Iterable,
                    List, Optional, Protocol, Tuple, TypeVar, Union, TYPE_CHECKING)
import typing

T = TypeVar("T")
Handler = Callable[..., Awaitable[T]]

if TYPE_CHECKING:
    import nothing_at_all

counts: Dict[str, int] = {}
names: List[str]


class Stack(Generic[T]):
    items: List[T]

    def __init__(self) -> None:
        self.items = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None


class Greeter(Protocol):
    def greet(self, name: str) -> str: ...


async def fetch(n: int, delay: float = 0.1) -> Tuple[int, str]:
    await asyncio.sleep(delay)
    return n, f"item-{n}"


async def run_all(jobs: Iterable[int], handler: Callable[[int], Coroutine[Any, Any, Tuple[int, str]]]) -> List[Tuple[int, str]]:
    return await asyncio.gather(*(handler(j) for j in jobs))


def describe(x: Union[int, str]) -> str:
    return f"{x!r}"


async def main() -> None:
    s: Stack[int] = Stack()
    s.push(1)
    s.push(2)
    print(s.pop(), s.pop(), s.pop())
    print(await run_all([1, 2, 3], fetch))
    print(describe(3), describe("a"))
    counts["a"] = 1
    print(counts, __annotations__)
    print(Stack.__annotations__)
    print(List[int], Dict[str, int], Optional[int], Union[int, str], Union[int, None])
    print(Callable[..., Awaitable[T]], Callable[[int, str], bool], Handler[int])
    print(Tuple[int, ...], Any, T, AsyncIterator[str], Union[int, Optional[str]])
    print(typing.get_args(Dict[str, int]), typing.get_origin(List[int]) is list)
    print(typing.cast(int, "x"))
    try:
        List[int]()
    except TypeError as e:
        print(e)

asyncio.run(main())
