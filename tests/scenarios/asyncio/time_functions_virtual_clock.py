import asyncio
import time


async def main():
    t0 = time.time()
    m0 = time.monotonic()
    p0 = time.perf_counter()
    await asyncio.sleep(1.5)
    print(f"time: {time.time() - t0:.3f}")
    print(f"monotonic: {time.monotonic() - m0:.3f}")
    print(f"perf_counter: {time.perf_counter() - p0:.3f}")
    time.sleep(0.25)
    print(f"after time.sleep: {time.monotonic() - m0:.3f}")
    print(f"loop.time: {asyncio.get_running_loop().time() - m0:.3f}")


print("before asyncio.run")
time.sleep(1)
print("after a blocking sleep")
asyncio.run(main())
