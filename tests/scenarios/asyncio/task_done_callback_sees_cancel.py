import asyncio


def report(task):
    if task.cancelled():
        print(f"{task.get_name()} callback: cancelled")
    elif task.exception() is not None:
        print(f"{task.get_name()} callback: failed with {task.exception()!r}")
    else:
        print(f"{task.get_name()} callback: result {task.result()}")


async def job(kind):
    await asyncio.sleep(1)
    if kind == "fail":
        raise LookupError("nope")
    return kind


async def main():
    tasks = [asyncio.create_task(job(k), name=k) for k in ("ok", "fail", "cancel")]
    for t in tasks:
        t.add_done_callback(report)
    await asyncio.sleep(0.5)
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print("main done")


asyncio.run(main())
