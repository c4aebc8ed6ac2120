# expect: exit 0, done
import multiprocessing
def child(x):
    pass
if __name__ == '__main__':
    x = []
    for _ in range(300000):
        x = [x]
    p = multiprocessing.Process(target=child, args=(x,))
    p.start()
    p.join()
    print('done')
