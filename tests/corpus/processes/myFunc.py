# source: https://github.com/PacktPublishing/Python-Parallel-Programming-Cookbook-Second-Edition/blob/a10f0b2ba69995a6a8697e68ae0b53a20f4c04c7/Chapter03/myFunc.py
# licence: MIT, Copyright (c) 2019 Packt (see tests/corpus/LICENSES.md)
# (a helper module that another corpus program imports; the code below is verbatim)
def myFunc(i):
    print ('calling myFunc from process n°: %s' %i)
    for j in range (0,i):
        print('output from myFunc is :%s' %j)
    return
