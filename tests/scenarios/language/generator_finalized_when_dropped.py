# A generator dropped while suspended inside try/finally is closed at once (CPython
# closes it when its last reference goes): its finally block runs before the next line.
def read_lines(name):
    print("open", name)
    try:
        for i in range(5):
            yield f"{name}:{i}"
    finally:
        print("close", name)

for line in read_lines("a"):
    print(line)
    if line.endswith("1"):
        break
print("after a")

def first(name):
    for line in read_lines(name):
        return line
print(first("b"))
g = read_lines("c")
next(g)
g = None
print("after c")
def h():
    x = read_lines("d")
    next(x)
    del x
    print("deleted d")
h()
print([l for l, _ in zip(read_lines("e"), range(2))])
print("end")
