# expect: exit 1, MemoryError or memory budget
import asyncio
async def spawn():
    asyncio.create_task(spawn())
    asyncio.create_task(spawn())
async def main():
    asyncio.create_task(spawn())
    await asyncio.sleep(1000)
asyncio.run(main())
