# source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/threading/threading_lock_with.py
# licence: BSD-3-Clause, Copyright (c) Doug Hellmann (see tests/corpus/LICENSES.md)
# kind: threading
# output: plain
# compare: exact
# (the program below is verbatim)
#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2008 Doug Hellmann All rights reserved.
#
"""Locking via the 'with' statement
"""
#end_pymotw_header
import threading
import logging


def worker_with(lock):
    with lock:
        logging.debug('Lock acquired via with')


def worker_no_with(lock):
    lock.acquire()
    try:
        logging.debug('Lock acquired directly')
    finally:
        lock.release()


logging.basicConfig(
    level=logging.DEBUG,
    format='(%(threadName)-10s) %(message)s',
)

lock = threading.Lock()
w = threading.Thread(target=worker_with, args=(lock,))
nw = threading.Thread(target=worker_no_with, args=(lock,))

w.start()
nw.start()
