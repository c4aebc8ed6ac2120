import multiprocessing

def child(conn, name):
    conn.send(name)

if __name__ == "__main__":
    a, b = multiprocessing.Pipe()
    ps = [multiprocessing.Process(target=child, args=(b, n)) for n in "xy"]
    for p in ps:
        p.start()
    print(a.recv(), a.recv())
    for p in ps:
        p.join()
