"""asyncio.runners: Runner, ported from CPython 3.11's Lib/asyncio/runners.py, without
the SIGINT handling (a program here gets no signals) and without contexts. Its close()
is the shutdown sequence `asyncio.run` ends with (`_asyncio.shutdown`, native): cancel
the tasks left, let them finish, shut down async generators and the default executor.
"""

__all__ = ('Runner',)

import _asyncio
from asyncio import iscoroutine, new_event_loop, set_event_loop, _get_running_loop

_CREATED, _INITIALIZED, _CLOSED = 'created', 'initialized', 'closed'


class Runner:
    def __init__(self, *, debug=None, loop_factory=None):
        self._state = _CREATED
        self._debug = debug
        self._loop_factory = loop_factory
        self._loop = None
        self._set_event_loop = False

    def __enter__(self):
        self._lazy_init()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.close()

    def close(self):
        if self._state != _INITIALIZED:
            return
        try:
            _asyncio.shutdown(self._loop)
        finally:
            if self._set_event_loop:
                set_event_loop(None)
            self._loop.close()
            self._loop = None
            self._state = _CLOSED

    def get_loop(self):
        self._lazy_init()
        return self._loop

    def run(self, coro, *, context=None):
        if not iscoroutine(coro):
            raise ValueError("a coroutine was expected, got {!r}".format(coro))
        if _get_running_loop() is not None:
            raise RuntimeError("Runner.run() cannot be called from a running event loop")
        self._lazy_init()
        task = self._loop.create_task(coro)
        return self._loop.run_until_complete(task)

    def _lazy_init(self):
        if self._state == _CLOSED:
            raise RuntimeError("Runner is closed")
        if self._state == _INITIALIZED:
            return
        if self._loop_factory is None:
            self._loop = new_event_loop()
            if not self._set_event_loop:
                set_event_loop(self._loop)
                self._set_event_loop = True
        else:
            self._loop = self._loop_factory()
        if self._debug is not None:
            self._loop.set_debug(self._debug)
        self._state = _INITIALIZED
