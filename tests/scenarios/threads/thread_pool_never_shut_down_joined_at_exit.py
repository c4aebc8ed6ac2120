import threading
from concurrent.futures import ThreadPoolExecutor

def square(x):
    return x * x

pool = ThreadPoolExecutor(max_workers=2)
futs = [pool.submit(square, i) for i in range(5)]
print([f.result() for f in futs])
print(list(pool.map(square, range(4))))
print('end of program')
