import asyncio

async def worker(barrier, n):
    await asyncio.sleep(n * 0.1)
    print('worker', n, 'waiting', barrier.n_waiting)
    try:
        i = await barrier.wait()
        print('worker', n, 'passed', i)
    except asyncio.BrokenBarrierError:
        print('worker', n, 'broken')

async def main():
    b = asyncio.Barrier(3)
    print(b.parties, b.broken)
    ts = [asyncio.create_task(worker(b, n)) for n in range(3)]
    await asyncio.gather(*ts)
    b2 = asyncio.Barrier(3)
    ts = [asyncio.create_task(worker(b2, n)) for n in range(2)]
    await asyncio.sleep(0.5)
    await b2.abort()
    await asyncio.gather(*ts)
    print(b2.broken)
    await worker(b2, 0)
    print(len(asyncio.all_tasks()), asyncio.current_task().get_name())
    return 'main result'

with asyncio.Runner() as runner:
    print(runner.run(main()))
    loop = runner.get_loop()
    print(loop.is_closed(), asyncio.get_event_loop() is loop)
print(loop.is_closed())
r = asyncio.Runner()
print(r.run(asyncio.sleep(1, 'slept')))
r.close()
try:
    r.get_loop()
except RuntimeError as e:
    print(e)
