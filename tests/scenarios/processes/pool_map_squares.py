# Pool.map spreads work over processes and returns results in order.
from multiprocessing import Pool, cpu_count

def square(x):
    return x * x

if __name__ == "__main__":
    with Pool(2) as pool:
        print(pool.map(square, range(12)))
    print("cpu_count is a number:", isinstance(cpu_count(), int))
