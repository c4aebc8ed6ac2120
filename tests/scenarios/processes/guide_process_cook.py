# Guide, section 7 (Process & Multiprocessing): a process runs a function.
from multiprocessing import Process

def cook():
    print("Cooking")

p = Process(target=cook)
p.start()
