# asyncio debug mode: a step that blocks the event loop (time.sleep inside a
# coroutine) for slow_callback_duration or more is reported on stderr with
# "Executing <Task ...> took N seconds"; without debug mode nothing is said.
import asyncio
import time


async def blocker():
    time.sleep(0.5)  # blocks the loop: no other task runs meanwhile
    await asyncio.sleep(0)
    print('blocker done')


async def ticker():
    for _ in range(3):
        print('tick')
        await asyncio.sleep(0.1)


async def main():
    loop = asyncio.get_running_loop()
    print('debug', loop.get_debug(), 'slow', loop.slow_callback_duration)
    await asyncio.gather(blocker(), ticker())
    loop.slow_callback_duration = 1
    time.sleep(0.5)  # under the new threshold: no warning
    loop.call_soon(time.sleep, 2)
    await asyncio.sleep(0)
    print(repr(loop).split()[-1])


asyncio.run(main(), debug=True)
asyncio.run(main())  # debug off: the same blocking goes unreported
with asyncio.Runner(debug=True) as runner:
    loop = runner.get_loop()
    print('runner debug', loop.get_debug())
    loop.set_debug(False)
    print('after set_debug(False)', loop.get_debug())
