import multiprocessing

def child(d, name):
    d["last"] = name

if __name__ == "__main__":
    with multiprocessing.Manager() as m:
        d = m.dict()
        ps = [multiprocessing.Process(target=child, args=(d, n)) for n in "xy"]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
        print(d["last"])
