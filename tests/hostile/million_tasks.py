# expect: exit 1, MemoryError or memory budget
import asyncio
async def nothing():
    await asyncio.sleep(1)
async def main():
    await asyncio.gather(*[nothing() for _ in range(1000000)])
asyncio.run(main())
