import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(d), name=f"t{d}") for d in (1, 2, 4)]
    done, pending = await asyncio.wait(tasks, timeout=2.5)
    print(f"at {loop.time():.1f}: done", sorted(t.get_name() for t in done))
    print("pending", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(tasks, timeout=10, return_when=asyncio.ALL_COMPLETED)
    print(f"at {loop.time():.1f}: done", len(done), "pending", len(pending))


asyncio.run(main())
