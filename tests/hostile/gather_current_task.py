# expect: exit 3, Task-1 is waiting for gather: all its tasks must finish, which nothing will complete
import asyncio
async def main():
    await asyncio.gather(asyncio.current_task())
asyncio.run(main())
