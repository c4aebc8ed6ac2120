import threading

a = threading.Lock()
b = threading.Lock()

def one():
    with a:
        with b:
            print("one has both")

def two():
    with b:
        with a:
            print("two has both")

t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
t1.join()
t2.join()
print("done")
