import asyncio


async def job(delay):
    try:
        await asyncio.sleep(delay)
        print(f"job({delay}) completed")
        return delay
    except asyncio.CancelledError:
        print(f"job({delay}) cancelled")
        raise


async def main():
    # The timeout's timer is scheduled before the job's sleep timer.
    try:
        print("result:", await asyncio.wait_for(job(1), timeout=1))
    except TimeoutError:
        print("timed out at equal deadline")
    # A task started earlier schedules its sleep before wait_for's timer.
    t = asyncio.create_task(job(1))
    await asyncio.sleep(0)
    try:
        print("result:", await asyncio.wait_for(t, timeout=1))
    except TimeoutError:
        print("timed out (task version)")


asyncio.run(main())
