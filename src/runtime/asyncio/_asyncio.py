"""The Python half of the private `_asyncio` module (CPython's is the C accelerator,
Modules/_asynciomodule.c): helpers the runtime calls that programs should not see as
attributes of `asyncio`. Its native half is `resource`, `waiter_future` and `notified`.
"""


def executor_call(func, args):
    # The body of a default-executor worker thread (`loop.run_in_executor`): a thread
    # runs a Python function, so the call is made from Python.
    return func(*args)
