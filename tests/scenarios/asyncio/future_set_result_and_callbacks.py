import asyncio


async def waiter(name, fut):
    print(f"{name} waiting")
    value = await fut
    print(f"{name} got {value}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("callback sees", f.result()))
    t1 = asyncio.create_task(waiter("w1", fut))
    t2 = asyncio.create_task(waiter("w2", fut))
    await asyncio.sleep(1)
    print("done before:", fut.done())
    fut.set_result("payload")
    print("done after:", fut.done(), "result:", fut.result())
    await asyncio.gather(t1, t2)
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as e:
        print("second set_result:", e)


asyncio.run(main())
