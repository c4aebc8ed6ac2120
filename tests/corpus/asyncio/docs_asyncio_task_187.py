# source: https://docs.python.org/3.11/library/asyncio-task.html (Doc/library/asyncio-task.rst line 187, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
import asyncio

async def nested():
    return 42

async def main():
    # Schedule nested() to run soon concurrently
    # with "main()".
    task = asyncio.create_task(nested())

    # "task" can now be used to cancel "nested()", or
    # can simply be awaited to wait until it is complete:
    await task

asyncio.run(main())
