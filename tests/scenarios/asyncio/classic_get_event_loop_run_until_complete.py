import asyncio
async def work(n):
    await asyncio.sleep(1)
    return n * 2
loop = asyncio.get_event_loop()
print(loop.is_running(), loop.is_closed())
t = loop.create_task(work(3))
print(t)
f = loop.create_future()
print(f)
print(loop.run_until_complete(t))
print(t)
f.set_result(5)
print(f)
fut = asyncio.ensure_future(work(4))
print(fut)
print(loop.run_until_complete(fut))
loop.close()
print(loop.is_closed())
