import asyncio as aio
import time as t
from asyncio import sleep, Queue, QueueEmpty
from time import monotonic


class Empty(Exception):
    pass


def take(q):
    try:
        return q.get_nowait()
    except QueueEmpty:
        raise Empty


async def main():
    q = Queue()
    q.put_nowait("item")
    print(take(q))
    try:
        take(q)
    except Empty as e:
        print("raised a bare class:", type(e).__name__, repr(e), str(e) == "")
    try:
        raise ValueError
    except ValueError as e:
        print("ValueError args:", e.args)
    start = monotonic()
    await sleep(0.5)
    await aio.sleep(0.25)
    print(f"elapsed {monotonic() - start:.2f}, t.time() = {t.time():.2f}")


aio.run(main())
