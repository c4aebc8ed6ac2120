"""asyncio.locks: Condition, ported from CPython 3.11's Lib/asyncio/locks.py. Lock,
Event and the semaphores are native (`primitives/`); a Condition's waiters are futures
labelled for the trace by the private `_asyncio` module.
"""

__all__ = ('Condition',)

import _asyncio
from asyncio import CancelledError, Lock


class Condition:
    def __init__(self, lock=None):
        if lock is None:
            lock = Lock()
        self._lock = lock
        self.locked = lock.locked
        self.acquire = lock.acquire
        self.release = lock.release
        self._waiters = []
        self._id = _asyncio.resource('condition')

    async def __aenter__(self):
        await self.acquire()
        return None

    async def __aexit__(self, exc_type, exc, tb):
        self.release()

    async def wait(self):
        if not self.locked():
            raise RuntimeError('cannot wait on un-acquired lock')
        self.release()
        try:
            fut = _asyncio.waiter_future('condition', self._id)
            self._waiters.append(fut)
            try:
                await fut
                return True
            finally:
                self._waiters.remove(fut)
        finally:
            cancelled = False
            while True:
                try:
                    await self.acquire()
                    break
                except CancelledError:
                    cancelled = True
            if cancelled:
                raise CancelledError

    async def wait_for(self, predicate):
        result = predicate()
        while not result:
            await self.wait()
            result = predicate()
        return result

    def notify(self, n=1):
        if not self.locked():
            raise RuntimeError('cannot notify on un-acquired lock')
        idx = 0
        for fut in self._waiters:
            if idx >= n:
                break
            if not fut.done():
                idx += 1
                fut.set_result(False)
        _asyncio.notified(self._id, idx)

    def notify_all(self):
        self.notify(len(self._waiters))
