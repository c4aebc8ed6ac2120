# source: https://github.com/dhellmann/pymotw-3/blob/8c3750a62580da538b1056a5287fb806f0f51d0a/source/queue/queue_lifo.py
# licence: BSD-3-Clause, Copyright (c) Doug Hellmann (see tests/corpus/LICENSES.md)
# kind: threading
# output: plain
# compare: exact
# (the program below is verbatim)
#!/usr/bin/env python3
# encoding: utf-8
#
# Copyright (c) 2010 Doug Hellmann.  All rights reserved.
#
"""LIFO Queue
"""

#end_pymotw_header
import queue

q = queue.LifoQueue()

for i in range(5):
    q.put(i)

while not q.empty():
    print(q.get(), end=' ')
print()
