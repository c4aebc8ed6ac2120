"""asyncio.futures: the bridge between asyncio's futures and concurrent.futures' (the ones
threads and executors use), ported from CPython 3.11's Lib/asyncio/futures.py:
`wrap_future` and `_chain_future`, which `run_coroutine_threadsafe` also uses. The
Future class itself is native (`future.rs`).
"""

__all__ = ('wrap_future',)

from asyncio import CancelledError, InvalidStateError, get_event_loop, isfuture


def _set_concurrent_future_state(concurrent, source):
    """Copy an asyncio future's state to a concurrent.futures.Future."""
    assert source.done()
    if source.cancelled():
        concurrent.cancel()
    if not concurrent.set_running_or_notify_cancel():
        return
    exception = source.exception()
    if exception is not None:
        concurrent.set_exception(_convert_future_exc(exception))
    else:
        concurrent.set_result(source.result())


def _copy_future_state(source, dest):
    """Copy a done future's state to an asyncio future that is not done."""
    assert source.done()
    if dest.cancelled():
        return
    assert not dest.done()
    if source.cancelled():
        dest.cancel()
    else:
        exception = source.exception()
        if exception is not None:
            dest.set_exception(_convert_future_exc(exception))
        else:
            dest.set_result(source.result())


def _convert_future_exc(exc):
    import concurrent.futures
    exc_class = type(exc)
    if exc_class is concurrent.futures.CancelledError:
        return CancelledError(*exc.args)
    elif exc_class is concurrent.futures.TimeoutError:
        return TimeoutError(*exc.args)
    elif exc_class is concurrent.futures.InvalidStateError:
        return InvalidStateError(*exc.args)
    return exc


def _get_loop(fut):
    get = getattr(fut, 'get_loop', None)
    return get() if get is not None else None


def _chain_future(source, destination):
    """Chain two futures so that when one completes, so does the other; each may be an
    asyncio future or a concurrent.futures.Future, and cancelling the destination
    cancels the source."""
    import concurrent.futures
    for f in (source, destination):
        if not isfuture(f) and not isinstance(f, concurrent.futures.Future):
            raise TypeError('A future is required for %s argument' % ('source' if f is source else 'destination'))
    source_loop = _get_loop(source) if isfuture(source) else None
    dest_loop = _get_loop(destination) if isfuture(destination) else None

    def _set_state(future, other):
        if isfuture(future):
            _copy_future_state(other, future)
        else:
            _set_concurrent_future_state(future, other)

    def _call_check_cancel(destination):
        if destination.cancelled():
            if source_loop is None or source_loop is dest_loop:
                source.cancel()
            else:
                source_loop.call_soon_threadsafe(source.cancel)

    def _call_set_state(source):
        if destination.cancelled() and dest_loop is not None and dest_loop.is_closed():
            return
        if dest_loop is None or dest_loop is source_loop:
            _set_state(destination, source)
        else:
            if dest_loop.is_closed():
                return
            dest_loop.call_soon_threadsafe(_set_state, destination, source)

    destination.add_done_callback(_call_check_cancel)
    source.add_done_callback(_call_set_state)


def wrap_future(future, *, loop=None):
    """Wrap concurrent.futures.Future object."""
    if isfuture(future):
        return future
    import concurrent.futures
    assert isinstance(future, concurrent.futures.Future), f'concurrent.futures.Future is expected, got {future!r}'
    if loop is None:
        loop = get_event_loop()
    new_future = loop.create_future()
    _chain_future(future, new_future)
    return new_future
