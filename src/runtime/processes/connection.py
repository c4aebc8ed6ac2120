"""multiprocessing.connection: Pipe, Connection and wait, after CPython 3.11's
Lib/multiprocessing/connection.py.

A pipe's direction is a `multiprocessing.Queue` (what is sent is pickled, and arrives at
the sender's time). What a program learns from a real pipe besides its messages is when
the other end is gone: `recv()` raises `EOFError` once every handle to the other end is
closed. Fork gives the child a handle to every end its parent holds open, and a process
that ends closes its handles, so each end keeps the set of processes holding it open
(`_Handles`, shared by all processes as the kernel's file table is); the last close
sends an end-of-file mark down the pipe.
"""

__all__ = ('Pipe',)

import _multiprocessing
import time
from multiprocessing import Queue, Empty
from multiprocessing import process as _process

_MESSAGE, _EOF = 0, 1

# Every end some process still holds open.
_open_ends = []


class _Handles:
    """The processes holding one end of a pipe open; shared, not copied, by fork."""
    _mp_shared_ = True

    def __init__(self, send_queue):
        self.pids = {_multiprocessing.current_pid()}
        self.send_queue = send_queue
        _open_ends.append(self)

    def close(self, pid):
        if pid in self.pids:
            self.pids.discard(pid)
            if not self.pids:
                _open_ends.remove(self)
                if self.send_queue is not None:
                    self.send_queue.put((_EOF, None))


def _after_fork(parent, child):
    for end in _open_ends:
        if parent in end.pids:
            end.pids.add(child)


def _at_exit(pid):
    for end in list(_open_ends):
        end.close(pid)


_process._fork_hooks.append(_after_fork)
_process._exit_hooks.append(_at_exit)


class Connection:
    def __init__(self, recv_queue, send_queue, readable=True, writable=True):
        self._recv_queue = recv_queue
        self._send_queue = send_queue
        self._readable = readable
        self._writable = writable
        self._handles = _Handles(send_queue if writable else None)
        self._closed = False
        self._buffer = []
        self._eof = False

    @property
    def closed(self):
        return self._closed

    @property
    def readable(self):
        return self._readable

    @property
    def writable(self):
        return self._writable

    def _check_closed(self):
        if self._closed:
            raise OSError("handle is closed")

    def send(self, obj):
        self._check_closed()
        if not self._writable:
            raise OSError("connection is read-only")
        self._send_queue.put((_MESSAGE, obj))

    def recv(self):
        self._check_closed()
        if not self._readable:
            raise OSError("connection is write-only")
        if not self._buffer and not self._eof:
            self._buffer.append(self._recv_queue.get())
        return self._take()

    def _take(self):
        if self._eof:
            raise EOFError
        kind, obj = self._buffer.pop(0)
        if kind == _EOF:
            self._eof = True
            raise EOFError
        return obj

    def poll(self, timeout=0.0):
        self._check_closed()
        if not self._readable:
            raise OSError("connection is write-only")
        if self._buffer or self._eof:
            return True
        try:
            if timeout is None:
                item = self._recv_queue.get()
            elif timeout <= 0:
                item = self._recv_queue.get(False)
            else:
                item = self._recv_queue.get(True, timeout)
        except Empty:
            return False
        self._buffer.append(item)
        return True

    def close(self):
        if not self._closed:
            self._closed = True
            self._handles.close(_multiprocessing.current_pid())

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.close()


def Pipe(duplex=True):
    if duplex:
        a_to_b, b_to_a = Queue(), Queue()
        return Connection(b_to_a, a_to_b), Connection(a_to_b, b_to_a)
    q = Queue()
    return Connection(q, None, writable=False), Connection(None, q, readable=False)


def wait(object_list, timeout=None):
    """The connections (or processes) of `object_list` ready to read (or ended).

    CPython blocks in one `select()`; here the waiting process looks every virtual
    millisecond, so it learns of a message at most a millisecond late.
    """
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        ready = []
        for o in object_list:
            if isinstance(o, Connection):
                if o.poll(0):
                    ready.append(o)
            elif hasattr(o, 'is_alive') and not o.is_alive():
                ready.append(o)
        if ready or (deadline is not None and time.monotonic() >= deadline):
            return ready
        time.sleep(0.001)
