# source: https://docs.python.org/3.11/library/asyncio-task.html (Doc/library/asyncio-task.rst line 152, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
import asyncio

async def nested():
    return 42

async def main():
    # Nothing happens if we just call "nested()".
    # A coroutine object is created but not awaited,
    # so it *won't run at all*.
    nested()

    # Let's do it differently now and await it:
    print(await nested())  # will print "42".

asyncio.run(main())
