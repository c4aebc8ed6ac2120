# Manager proxies: a dict, a list, a Namespace and a Value shared through the manager;
# what a proxy returns is a copy, so mutating it changes nothing shared.
from multiprocessing import Process, Manager


def work(d, l, ns, v):
    d["child"] = [1, 2]
    d["child"].append(3)
    l.append(len(l))
    ns.count += 1
    ns.items.append("lost")
    v.value = v.value * 2


if __name__ == "__main__":
    with Manager() as m:
        d = m.dict(a=1)
        l = m.list([10])
        ns = m.Namespace()
        ns.count = 0
        ns.items = []
        v = m.Value('i', 21)
        procs = [Process(target=work, args=(d, l, ns, v)) for _ in range(2)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        print(d, l, len(l), 10 in l)
        print(ns, ns.count, v.value)
        print(sorted(d.keys()), d.get("a"), procs[0].name)
        l += [5]
        print(l[-1], list(l))
