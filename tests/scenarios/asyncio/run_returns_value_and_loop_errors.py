import asyncio


async def answer():
    await asyncio.sleep(0.5)
    return 42


try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("outside a loop:", e)
print("asyncio.run returned", asyncio.run(answer()))
coro = answer()
print("a coroutine object is not run until awaited:", type(coro).__name__)
print("asyncio.run returned", asyncio.run(coro))
