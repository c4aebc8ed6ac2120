# args: --max-steps 100
# expect: exit 1, the program ran more than 100 steps (the step budget)
import asyncio
async def main():
    while True:
        await asyncio.sleep(0)
asyncio.run(main())
