import asyncio
async def boom():
    raise ValueError('x')
async def main():
    t = asyncio.create_task(boom())
    await asyncio.sleep(0.1)
    print(t)
    print('end main')
asyncio.run(main())
print('after run')
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print(e)
loop = asyncio.new_event_loop()
def handler(loop, ctx):
    print('handler', sorted(ctx), ctx['message'], repr(ctx['exception']))
loop.set_exception_handler(handler)
async def main2():
    asyncio.ensure_future(boom())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print('main2 done')
loop.run_until_complete(main2())
print('closing')
loop.close()
