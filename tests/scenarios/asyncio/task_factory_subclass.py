# loop.set_task_factory with a Task subclass: create_task (asyncio's and the loop's) calls the
# factory and names what it made; None restores plain tasks; a non-callable is refused.
import asyncio
class MyTask(asyncio.Task):
    def describe(self):
        return "MyTask " + self.get_name()
async def work(n):
    await asyncio.sleep(0)
    return n
async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_task_factory())
    loop.set_task_factory(lambda loop, coro: MyTask(coro, loop=loop))
    t = asyncio.create_task(work(1), name="first")
    u = loop.create_task(work(2))
    print(type(t).__name__, t.describe(), type(u).__name__, await t, await u)
    print(await asyncio.gather(work(3), work(4)))
    loop.set_task_factory(None)
    print(type(asyncio.create_task(work(5))).__name__, loop.get_task_factory())
    try:
        loop.set_task_factory(5)
    except TypeError as e:
        print("TypeError:", e)
asyncio.run(main())


async def who():
    return type(asyncio.current_task()).__name__


async def main2():
    asyncio.get_running_loop().set_task_factory(lambda loop, coro: MyTask(coro, loop=loop))
    print("current task:", await asyncio.create_task(who()), await MyTask(who()), await who())


asyncio.run(main2())
