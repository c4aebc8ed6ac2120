import asyncio


async def main():
    print("a", "b", "c", sep="-")
    print("no newline yet...", end="")
    await asyncio.sleep(1)
    print(" finished the line at t=1")
    print()
    print("multi\nline\nprint")
    print("x", 1, 2.5, None, True, [1, "two"], (3,), {"k": "v"}, sep=" | ")
    print("end marker", end="!\n")
    await asyncio.sleep(0.5)
    print("", end="")
    print("after empty write")


asyncio.run(main())
