# Guide section 18, Context managers (async with): prefer `async with lock:`
# over manual acquire/release.
import asyncio

lock = asyncio.Lock()
shared = []


async def add(item):
    async with lock:
        # protected code
        shared.append(item)
        await asyncio.sleep(0.5)
        print(f"added {item}: {shared}")


async def main():
    await asyncio.gather(add("a"), add("b"), add("c"))


asyncio.run(main())
