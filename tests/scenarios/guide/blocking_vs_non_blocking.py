# Guide section 11 (Blocking vs Non-Blocking):
#   time.sleep(3)           # blocks everything
#   await asyncio.sleep(3)  # non-blocking
import asyncio
import time


async def blocking(name):
    print(f"{name} starts")
    time.sleep(3)  # blocks everything
    print(f"{name} done")


async def non_blocking(name):
    print(f"{name} starts")
    await asyncio.sleep(3)  # non-blocking
    print(f"{name} done")


async def main():
    print("Blocking: one after another")
    await asyncio.gather(blocking("A"), blocking("B"))
    print("Non-blocking: both wait at the same time")
    await asyncio.gather(non_blocking("C"), non_blocking("D"))


asyncio.run(main())
