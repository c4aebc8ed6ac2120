"""asyncio.threads: to_thread(), ported from CPython 3.11's Lib/asyncio/threads.py (less
the contextvars copy: Interleave has no contextvars).
"""

__all__ = ('to_thread',)

from asyncio import get_running_loop


async def to_thread(func, *args, **kwargs):
    loop = get_running_loop()
    return await loop.run_in_executor(None, lambda: func(*args, **kwargs))
