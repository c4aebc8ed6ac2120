#| slug: deadlock
#| title: Deadlock
#| guide: 11. Related Important Concepts: Deadlock
#| knob: SAME_ORDER = | Take the locks in the same order | bool
#|
#| Deadlock: everyone is waiting on everyone else, and nothing moves, like two
#| people blocking a door, each waiting for the other to move. T1 holds lock A
#| and wants lock B; T2 holds lock B and wants lock A. Interleave notices that no
#| task can ever be woken and shows the wait-for cycle. Make both take the locks
#| in the same order and the deadlock is gone.
import asyncio

SAME_ORDER = False


async def worker(name, first, second):
    first_lock, first_name = first
    second_lock, second_name = second
    async with first_lock:
        print(f"{name} holds {first_name}")
        await asyncio.sleep(1)
        print(f"{name} wants {second_name}")
        async with second_lock:
            print(f"{name} holds both")


async def main():
    a = (asyncio.Lock(), "lock A")
    b = (asyncio.Lock(), "lock B")
    await asyncio.gather(
        worker("T1", a, b),
        worker("T2", a, b) if SAME_ORDER else worker("T2", b, a),
    )
    print("Both done: no deadlock")


asyncio.run(main())
