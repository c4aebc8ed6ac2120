# Modules are made on their first import, wherever it happens: in a function, from a
# submodule, in a task. Every form of import finds the same objects.
import asyncio


def late():
    import collections
    from functools import reduce
    return collections.deque([reduce(lambda a, b: a + b, [1, 2, 3])])


print(late())

from asyncio import Lock, wait_for
import asyncio.tasks
from asyncio.locks import Condition
print(asyncio.Lock is Lock, asyncio.tasks.wait_for is wait_for, asyncio.Condition is Condition)


async def main():
    import random
    random.seed(7)
    from heapq import heappush, heappop
    h = []
    for i in [3, 1, 2]:
        heappush(h, i)
    await asyncio.sleep(1)
    print(random.randint(1, 6), heappop(h))


asyncio.run(main())
