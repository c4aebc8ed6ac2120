# source: https://github.com/PacktPublishing/Python-Parallel-Programming-Cookbook-Second-Edition/blob/a10f0b2ba69995a6a8697e68ae0b53a20f4c04c7/Chapter02/Thread_determine.py
# licence: MIT, Copyright (c) 2019 Packt (see tests/corpus/LICENSES.md)
# kind: threading
# output: plain
# compare: sorted
# (the program below is verbatim)
import threading
import time

def function_A():
    print (threading.currentThread().getName()+str('--> starting \n'))
    time.sleep(2)
    print (threading.currentThread().getName()+str( '--> exiting \n'))
    return

def function_B():
    print (threading.currentThread().getName()+str('--> starting \n'))
    time.sleep(2)
    print (threading.currentThread().getName()+str( '--> exiting \n'))
    return

def function_C():
    print (threading.currentThread().getName()+str('--> starting \n'))
    time.sleep(2)
    print (threading.currentThread().getName()+str( '--> exiting \n'))
    return


if __name__ == "__main__":

    t1 = threading.Thread(name='function_A', target=function_A)
    t2 = threading.Thread(name='function_B', target=function_B)
    t3 = threading.Thread(name='function_C',target=function_C) 

    t1.start()
    t2.start()
    t3.start()

    t1.join()
    t2.join()
    t3.join()
