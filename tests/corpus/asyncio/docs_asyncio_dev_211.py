# source: https://docs.python.org/3.11/library/asyncio-dev.html (Doc/library/asyncio-dev.rst line 211, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
import asyncio

async def bug():
    raise Exception("not consumed")

async def main():
    asyncio.create_task(bug())

asyncio.run(main())
