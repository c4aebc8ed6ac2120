# Guide, section 6 (Threading): a thread runs a function.
import threading

def tea():
    print("Making tea")

t = threading.Thread(target=tea)
t.start()
