import asyncio


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    # set the result later
    loop.call_later(1, future.set_result, "Done!")

    result = await future
    print(result)


asyncio.run(main())
