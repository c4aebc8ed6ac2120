# source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/multiprocessing/multiprocessing_simpleargs.py
# licence: BSD-3-Clause, Copyright (c) Doug Hellmann (see tests/corpus/LICENSES.md)
# kind: processes
# output: plain
# compare: sorted
# (the program below is verbatim)
#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2008 Doug Hellmann All rights reserved.
#
"""Passing arguments to threads when they are created
"""

#end_pymotw_header
import multiprocessing


def worker(num):
    """thread worker function"""
    print('Worker:', num)


if __name__ == '__main__':
    jobs = []
    for i in range(5):
        p = multiprocessing.Process(target=worker, args=(i,))
        jobs.append(p)
        p.start()
