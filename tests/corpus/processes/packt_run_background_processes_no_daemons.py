# source: https://github.com/PacktPublishing/Python-Parallel-Programming-Cookbook-Second-Edition/blob/a10f0b2ba69995a6a8697e68ae0b53a20f4c04c7/Chapter03/run_background_processes_no_daemons.py
# licence: MIT, Copyright (c) 2019 Packt (see tests/corpus/LICENSES.md)
# kind: processes
# output: plain
# compare: sorted
# (the program below is verbatim)
import multiprocessing
import time

def foo():
    name = multiprocessing.current_process().name
    print ("Starting %s \n" %name)
    if name == 'background_process':
        for i in range(0,5):
            print('---> %d \n' %i)
        time.sleep(1)
    else:
        for i in range(5,10):
            print('---> %d \n' %i)
        time.sleep(1)
    print ("Exiting %s \n" %name)
    

if __name__ == '__main__':
    background_process = multiprocessing.Process\
                         (name='background_process',\
                          target=foo)
    background_process.daemon = False

    NO_background_process = multiprocessing.Process\
                            (name='NO_background_process',\
                             target=foo)
    
    NO_background_process.daemon = False
    
    background_process.start()
    NO_background_process.start()
    

