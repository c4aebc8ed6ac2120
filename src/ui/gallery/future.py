#| slug: future
#| title: A Future, set later with call_later
#| guide: 15. asyncio.Future
#| knob: loop.call_later( | Ready after (s) | number 0.5..5 by 0.5
#|
#| A Future is a result that will be available later, like the token number you
#| get when you order food. It starts empty; `call_later` schedules a timer that
#| puts the result in after one second; `await future` waits for it without
#| blocking the loop. You rarely create Futures yourself: Tasks and asyncio
#| create and manage them for you.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    # set the result later
    loop.call_later(1, future.set_result, "Done!")

    result = await future
    print(result)


asyncio.run(main())
