import asyncio

async def work(n):
    await asyncio.sleep(n)
    return [n] * 10

async def boom():
    raise KeyError('k')

def on_done(fut):
    print('done callback', fut.result())

async def main():
    t = asyncio.create_task(work(1), name='worker')
    print(t)
    await asyncio.sleep(0)
    print(t)
    t.cancel()
    print(t, t.cancelling())
    print(t.uncancel(), t.cancelling())
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(t)
    t2 = asyncio.ensure_future(work(0.5))
    print(await t2)
    print(t2)
    print(t2.get_coro().__name__ if hasattr(t2.get_coro(), '__name__') else 'coro')
    t3 = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(t3)
    print(repr(t3.exception()))
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f)
    f.add_done_callback(on_done)
    print(f)
    f.set_result('x' * 50)
    print(f)
    await asyncio.sleep(0)
    f2 = loop.create_future()
    f2.set_result(12345678901234567890123456789012345678901234567890)
    print(f2)
    f3 = loop.create_future()
    f3.cancel()
    print(f3)
    print(asyncio.current_task().get_name())

asyncio.run(main())
