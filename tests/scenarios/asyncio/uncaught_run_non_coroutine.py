import asyncio


def not_async():
    return 5


print("calling asyncio.run with a plain value")
asyncio.run(not_async())
