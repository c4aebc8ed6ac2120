"""asyncio.events: the event loop policies, ported from CPython 3.11's Lib/asyncio/events.py
(`AbstractEventLoopPolicy`, `BaseDefaultEventLoopPolicy`, `get_event_loop_policy`,
`set_event_loop_policy`). The default policy's bookkeeping (each thread's current loop)
is native (`_asyncio.policy_get_event_loop` and friends); a program's own policy, set with
`set_event_loop_policy`, is what `asyncio.new_event_loop()`, `get_event_loop()`,
`set_event_loop()` and `asyncio.run()` then ask, as in CPython.
"""

__all__ = (
    'AbstractEventLoopPolicy', 'BaseDefaultEventLoopPolicy', 'DefaultEventLoopPolicy',
    'get_event_loop_policy', 'set_event_loop_policy', 'AbstractEventLoop',
    'SelectorEventLoop',
)

import _asyncio
from asyncio import AbstractEventLoop, SelectorEventLoop


class AbstractEventLoopPolicy:
    """Abstract policy for accessing the event loop."""

    def get_event_loop(self):
        raise NotImplementedError

    def set_event_loop(self, loop):
        raise NotImplementedError

    def new_event_loop(self):
        raise NotImplementedError

    def get_child_watcher(self):
        raise NotImplementedError

    def set_child_watcher(self, watcher):
        raise NotImplementedError


class BaseDefaultEventLoopPolicy(AbstractEventLoopPolicy):
    """The default policy: a current loop per thread; the main thread gets one made
    (with `self.new_event_loop()`) the first time it asks, if it never set one."""

    _loop_factory = None

    def get_event_loop(self):
        return _asyncio.policy_get_event_loop(self)

    def set_event_loop(self, loop):
        _asyncio.policy_set_event_loop(loop)

    def new_event_loop(self):
        return SelectorEventLoop()


class _UnixDefaultEventLoopPolicy(BaseDefaultEventLoopPolicy):
    """UNIX event loop policy (CPython's has a child watcher too; a program here starts
    no subprocesses)."""

    _loop_factory = SelectorEventLoop


DefaultEventLoopPolicy = _UnixDefaultEventLoopPolicy

_event_loop_policy = None


def get_event_loop_policy():
    """Get the current event loop policy."""
    global _event_loop_policy
    if _event_loop_policy is None:
        _event_loop_policy = DefaultEventLoopPolicy()
    return _event_loop_policy


def set_event_loop_policy(policy):
    """Set the current event loop policy. If policy is None, the default policy is
    restored."""
    global _event_loop_policy
    if policy is not None and not isinstance(policy, AbstractEventLoopPolicy):
        raise TypeError(f"policy must be an instance of AbstractEventLoopPolicy or None, not '{type(policy).__name__}'")
    _event_loop_policy = policy
    # The native side asks a program's own policy; the default one it runs itself.
    _asyncio.set_policy(None if type(policy) is DefaultEventLoopPolicy else policy)
