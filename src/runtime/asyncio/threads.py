"""asyncio.threads: to_thread(), ported from CPython 3.11's Lib/asyncio/threads.py: the
function runs in a copy of the caller's contextvars context (when the program imported
contextvars; otherwise no code could tell the contexts apart).
"""

__all__ = ('to_thread',)

import _asyncio
from asyncio import get_running_loop


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    ctx = _asyncio.copy_context_if_used()
    if ctx is None:
        return await loop.run_in_executor(None, lambda: func(*args, **kwargs))
    return await loop.run_in_executor(None, lambda: ctx.run(func, *args, **kwargs))
