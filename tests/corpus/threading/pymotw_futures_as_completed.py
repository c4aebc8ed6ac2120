# source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/concurrent.futures/futures_as_completed.py
# licence: BSD-3-Clause, Copyright (c) Doug Hellmann (see tests/corpus/LICENSES.md)
# kind: threading
# output: plain
# compare: sorted
# (the program below is verbatim)
#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2016 Doug Hellmann.  All rights reserved.
# Written for https://pymotw.com
#
"""Running tasks in a managed group of threads.
"""

#end_pymotw_header
from concurrent import futures
import random
import time


def task(n):
    time.sleep(random.random())
    return (n, n / 10)


ex = futures.ThreadPoolExecutor(max_workers=5)
print('main: starting')

wait_for = [
    ex.submit(task, i)
    for i in range(5, 0, -1)
]

for f in futures.as_completed(wait_for):
    print('main: result: {}'.format(f.result()))
