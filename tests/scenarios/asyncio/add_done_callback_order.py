import asyncio


def make_cb(label):
    def cb(task):
        print(f"callback {label}: {task.get_name()} -> {task.result()}")
    return cb


async def job():
    await asyncio.sleep(1)
    print("job returning")
    return "ok"


async def main():
    t = asyncio.create_task(job(), name="job")
    t.add_done_callback(make_cb("first"))
    t.add_done_callback(make_cb("second"))
    await t
    print("after await (callbacks already ran?)")
    await asyncio.sleep(0)
    t.add_done_callback(make_cb("late"))
    print("late callback added to a done task")
    await asyncio.sleep(0)
    print("end")


asyncio.run(main())
