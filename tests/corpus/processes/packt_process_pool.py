# source: https://github.com/PacktPublishing/Python-Parallel-Programming-Cookbook-Second-Edition/blob/a10f0b2ba69995a6a8697e68ae0b53a20f4c04c7/Chapter03/process_pool.py
# licence: MIT, Copyright (c) 2019 Packt (see tests/corpus/LICENSES.md)
# kind: processes
# output: plain
# compare: exact
# (the program below is verbatim)
#Using a Process Pool – Chapter 3: Process Based Parallelism
import multiprocessing

def function_square(data):
    result = data*data
    return result


if __name__ == '__main__':
    inputs = list(range(0,100))
    pool = multiprocessing.Pool(processes=4)
    pool_outputs = pool.map(function_square, inputs)

    pool.close() 
    pool.join()  
    print ('Pool    :', pool_outputs)
