# source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/asyncio/asyncio_coroutine_return.py
# licence: BSD-3-Clause, Copyright (c) Doug Hellmann (see tests/corpus/LICENSES.md)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2014 Doug Hellmann.  All rights reserved.
"""Returning a value from a coroutine
"""

#end_pymotw_header
import asyncio


async def coroutine():
    print('in coroutine')
    return 'result'


event_loop = asyncio.get_event_loop()
try:
    return_value = event_loop.run_until_complete(
        coroutine()
    )
    print('it returned: {!r}'.format(return_value))
finally:
    event_loop.close()
