# source: https://docs.python.org/3.11/library/asyncio.html (Doc/library/asyncio.rst line 13, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
import asyncio

async def main():
    print('Hello ...')
    await asyncio.sleep(1)
    print('... World!')

asyncio.run(main())
