import asyncio


async def main(label):
    t = asyncio.create_task(asyncio.sleep(1))
    print(label, "main:", asyncio.current_task().get_name(), "child:", t.get_name())
    await t
    return label.upper()


print(asyncio.run(main("first")))
print(asyncio.run(main("second")))
