# expect: exit 0, 50000
# gather de-duplicates its arguments by identity: a hash, not a search per argument.
import asyncio
async def one(i):
    return i
async def main():
    coros = [one(i) for i in range(50000)]
    coros.append(coros[0])
    r = await asyncio.gather(*coros)
    print(len(set(r)))
asyncio.run(main())
