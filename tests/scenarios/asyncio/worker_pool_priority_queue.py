import asyncio


async def worker(name, q, log):
    while True:
        priority, job = await q.get()
        log.append(job)
        print(f"{name} runs {job} (priority {priority})")
        await asyncio.sleep(priority * 0.5)
        q.task_done()


async def main():
    q = asyncio.PriorityQueue()
    log = []
    jobs = [(3, "report"), (1, "alert"), (2, "email"), (1, "page"), (3, "backup"), (2, "sms")]
    for item in jobs:
        q.put_nowait(item)
    workers = [asyncio.create_task(worker(f"w{i}", q, log)) for i in range(2)]
    await q.join()
    print("order:", log)
    for w in workers:
        w.cancel()


asyncio.run(main())
