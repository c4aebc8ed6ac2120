from multiprocessing import Pool

def f(x, y):
    return x + y

if __name__ == "__main__":
    with Pool(2) as p:
        print(p.starmap(f, [(1, 2), (3, 4)]))
        print(p.apply(f, (5, 6)))
