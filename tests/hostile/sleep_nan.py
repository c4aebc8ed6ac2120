# expect: exit 0, ok
import asyncio
async def main():
    await asyncio.sleep(float('nan'))
    print('ok')
asyncio.run(main())
