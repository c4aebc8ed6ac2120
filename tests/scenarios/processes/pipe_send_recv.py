# Pipe: duplex ends, pickled messages, poll(), and EOFError once every handle to the
# other end is closed: fork gave the child a handle to the parent's end too, which it
# must close itself; a child's exit closes its handles.
from multiprocessing import Process, Pipe


def echo(conn, parents_end):
    parents_end.close()
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            break
        msg.append("seen")
        conn.send(msg)
    conn.close()


def writer(w):
    for i in range(3):
        w.send(i * i)


if __name__ == "__main__":
    here, there = Pipe()
    p = Process(target=echo, args=(there, here))
    p.start()
    there.close()
    data = ["hello"]
    here.send(data)
    print(here.recv(), data)
    print(here.poll(), here.poll(1.0))
    here.close()
    p.join()
    print("echo exit", p.exitcode)

    r, w = Pipe(duplex=False)
    q = Process(target=writer, args=(w,))
    q.start()
    w.close()
    got = []
    try:
        while True:
            got.append(r.recv())
    except EOFError:
        print("EOF after", got)
    q.join()
    try:
        w.send(1)
    except OSError as e:
        print("OSError:", e)
