# Thread names, current_thread(), is_alive() and daemon flags.
import threading

def work():
    print("inside", threading.current_thread().name)

t = threading.Thread(target=work)
print(t.name, t.is_alive(), t.daemon)
t.start()
t.join()
print(t.name, "alive after join:", t.is_alive())
named = threading.Thread(target=work, name="worker-7", daemon=True)
named.start()
named.join()
print(named.name, named.daemon)
print(threading.current_thread().name, threading.main_thread().name)
print("active:", threading.active_count())
