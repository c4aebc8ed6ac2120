import asyncio


async def swallow():
    try:
        await asyncio.sleep(10)
        return "finished normally"
    except asyncio.CancelledError:
        print("inner swallowed the cancellation")
        await asyncio.sleep(0.5)
        return "value despite timeout"


async def main():
    result = await asyncio.wait_for(swallow(), timeout=1)
    print("wait_for returned:", result)


asyncio.run(main())
