# expect: exit 0, ok
import multiprocessing
x = []
for _ in range(300000):
    x = [x]
q = multiprocessing.Queue()
q.put(x)
y = q.get()
print('ok')
