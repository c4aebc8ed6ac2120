def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


def make_multipliers():
    return [lambda x, i=i: x * i for i in range(4)]


total = 0


def add_to_total(n):
    global total
    total += n


c1 = make_counter()
c2 = make_counter(100)
print(c1(), c1(), c1(5))
print(c2(), c2(-50))
print([m(10) for m in make_multipliers()])
late = [lambda: i for i in range(3)]
print([f() for f in late])
for n in range(5):
    add_to_total(n)
print("total", total)
