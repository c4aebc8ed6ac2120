# Classes defined by the runtime's Python preludes name their CPython module.
import asyncio
async def main():
    async with asyncio.TaskGroup() as tg:
        print(type(tg), asyncio.Condition, asyncio.Timeout)
    class Mine: pass
    print(Mine, Mine.__module__)
asyncio.run(main())
