from multiprocessing import Pool

def main():
    def double(x):
        return 2 * x
    with Pool(2) as p:
        print(p.map(double, range(4)))

if __name__ == "__main__":
    main()
