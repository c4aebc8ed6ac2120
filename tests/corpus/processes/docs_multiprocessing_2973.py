# source: https://docs.python.org/3.11/library/multiprocessing.html (Doc/library/multiprocessing.rst line 2973, CPython 3.11.2)
# licence: 0BSD (code examples in the Python documentation; also PSF-2.0)
# kind: processes
# output: plain
# compare: exact
# (the program below is verbatim)
from multiprocessing import Process

def foo():
    print('hello')

p = Process(target=foo)
p.start()
