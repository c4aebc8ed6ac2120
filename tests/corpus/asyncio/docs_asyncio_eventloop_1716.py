# source: https://docs.python.org/3.11/library/asyncio-eventloop.html (Doc/library/asyncio-eventloop.rst line 1716, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: asyncio
# output: stamped
# compare: exact
# (the program below is verbatim)
import asyncio

def hello_world(loop):
    """A callback to print 'Hello World' and stop the event loop"""
    print('Hello World')
    loop.stop()

loop = asyncio.new_event_loop()

# Schedule a call to hello_world()
loop.call_soon(hello_world, loop)

# Blocking call interrupted by loop.stop()
try:
    loop.run_forever()
finally:
    loop.close()
